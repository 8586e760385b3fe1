"""What every feature's screens share: the base screen, messages between features,
what the person is doing (attention), preferences, and the shell's own screens (Home,
Help, Settings, Welcome, store problems, too small)."""
