/* A stand-in for the parts of user32.dll and kernel32.dll that companion's idle reader
 * calls, with the same C signatures, so the tests exercise the real ctypes marshalling
 * (struct layout, 32-bit counters, 64-bit handles) on a machine without Windows.
 * fake_* functions are the test's controls. */
#include <stdint.h>

typedef struct {
    uint32_t cbSize; /* UINT */
    uint32_t dwTime; /* DWORD */
} LASTINPUTINFO;

/* A handle above 4 GiB: a reader that kept only 32 bits of it would close a wrong one. */
static char desktops[16];
#define DESKTOP ((void *)(desktops + 8))

static uint32_t ticks, last_input;
static int locked, open_desktops, bad_calls;
static uint32_t seen_flags, seen_inherit, seen_access;

void fake_set(uint32_t now, uint32_t last, int is_locked) {
    ticks = now;
    last_input = last;
    locked = is_locked;
}
int fake_open_desktops(void) { return open_desktops; }
int fake_bad_calls(void) { return bad_calls; }
uint32_t fake_seen(int which) {
    return which == 0 ? seen_flags : which == 1 ? seen_inherit : seen_access;
}

int GetLastInputInfo(LASTINPUTINFO *info) {
    if (!info || info->cbSize != sizeof(LASTINPUTINFO)) {
        bad_calls++;
        return 0; /* FALSE, as Windows answers a wrong cbSize */
    }
    info->dwTime = last_input;
    return 1;
}

uint32_t GetTickCount(void) { return ticks; }

void *OpenInputDesktop(uint32_t flags, int inherit, uint32_t access) {
    seen_flags = flags;
    seen_inherit = (uint32_t)inherit;
    seen_access = access;
    if (locked)
        return 0; /* the lock screen has the input: access denied */
    open_desktops++;
    return DESKTOP;
}

int CloseDesktop(void *desktop) {
    if (desktop != DESKTOP) {
        bad_calls++;
        return 0;
    }
    open_desktops--;
    return 1;
}
