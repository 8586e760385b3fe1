"""Keys as a terminal sends them: a text expander (or a terminal without bracketed
paste) types hundreds of characters at once, and ctrl+s follows at once. The installed
app keeps exactly what was typed, in English and Chinese, and nothing of one entry
spills into the next."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.test_journal_in_tmux import mark_welcome_done
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

BURSTS = {
    "en": (
        "Customer wants a refund for the third time today and says the parcel never came. "
        "I checked the tracking twice, stayed polite, and offered to reship it tomorrow. "
        "Next time I will ask for the order number first, then look at the courier's note. "
        "Breathing out slowly before I answer helps more than I thought it would, honestly."
    ),
    "zh": (
        "顾客今天第三次要仅退款，说包裹一直没到，还说要找平台介入。我把物流查了两遍，语气一直很客气，"
        "最后答应明天给他补发一单。下次先问清订单号，再看快递员的备注，别急着解释。回复之前先慢慢"
        "呼气，比我想的有用多了。千牛一直在响，小二那边也在催，但这一单我处理得还算稳。"
        "顾客其实不是冲着我来的，他只是东西没收到，心里着急。下午又来了一个说要给差评的，"
        "我先接住他的情绪，说理解他等了这么久很不舒服，然后讲清楚能做什么：今天登记补发，"
        "明天上午给他发单号。他最后说了声谢谢。复盘一下：先共情，再讲方案，最后给时间点，"
        "这个顺序对我来说很管用。晚上下班前记得起来走走，喝口水，别把今天的事带回家。"
        "明天早上先做五分钟能量站，再登录千牛。"
    ),
}


def journal_texts(home: Path) -> list[str]:
    """Every entry's text, oldest first, read by the installed command."""
    done = subprocess.run(
        [str(installed_companion()), "--data-dir", str(home), "export", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [entry["text"] for entry in json.loads(done.stdout)["entries"]]


def burst(term: Tmux, text: str, then: str) -> None:
    """``text`` as one burst of keystrokes, then the key ``then`` straight after."""
    term._run("send-keys", "-t", term.session, "-l", text)
    term._run("send-keys", "-t", term.session, then)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_burst_then_ctrl_s_keeps_every_character(term: Tmux, home: Path, lang: str) -> None:
    first = BURSTS[lang]
    second = first[len(first) // 3 :] + " " + first[: len(first) // 3]
    assert len(first) >= 300
    mark_welcome_done(home)
    term.start([str(installed_companion())], env_for(home, f"{lang}_{lang.upper()}.UTF-8"))
    term.wait_for({"en": "Where to go", "zh": "去哪儿"}[lang])
    term.send("j")
    term.wait_for({"en": "Nothing here yet", "zh": "这里还空着"}[lang])
    for text, count in ((first, 1), (second, 2)):
        term.send("C-n")  # (a letter typed in the list searches)
        term.wait_for({"en": "What would you like to write?", "zh": "想写哪一种？"}[lang])
        term.send("4")
        term.wait_for({"en": "New · Free", "zh": "新建 ·"}[lang])
        burst(term, text, "C-s")
        term.wait_for({"en": f"Entries: {count}", "zh": f"共 {count} 条"}[lang])
    term.send("C-q")
    assert term.exit_status() == 0
    assert journal_texts(home) == [first, second]
