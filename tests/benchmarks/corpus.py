"""A realistic journal for the benchmarks, held the same by jrnl and by companion.

The text is written in jrnl's own plain-text format and imported with ``jrnl --import``;
jrnl's JSON export of it (``jrnl --format json``) is what ``companion import`` reads, so
both tools hold the same entries. The entries look like a customer-service agent's
writing over the years: English and Chinese, words drawn with Zipf's law from an
everyday vocabulary, lengths spread log-normally (a line or two up to a page), times
of day spread over a shift, about 5 % of the entries with one or two tags and 2 %
starred. A rare word (``RARE``) sits in about one entry in 250, for a search whose
result fits on a screen.

Only public interfaces are used: the two commands and their files.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

RARE = "flamingo"
TAGS = ["#refund", "#angry", "#late", "#win", "#退款", "#差评", "#主管"]
SPAN_DAYS = 6 * 365  # every size spreads its entries over six years, ending yesterday


def _words(text: str) -> list[str]:
    return text.split()


# Most frequent first: the rank sets the weight (Zipf, exponent 1).
EN_WORDS = _words("""
the i to and a was of it that in he she they my me is for with on but not so this
had be at customer have you just all what were about when one out up there today
order from again said after if her his no do would them more refund could like time
because chat how then very back asked even still know got really went wanted did
shop day another other felt think some said told any only by an or got been get
people want going can our let him make first last long over minutes waiting wait
package shipping late angry sorry calm tired breathe break lunch shift team lead
manager review return size colour photo tracking courier seller platform buyer
message reply script policy coupon discount price link stock warehouse address
phone voice call ticket complaint star rating patient kind rude loud quiet better
worse good bad hard easy slow fast again never always sometimes finally almost
morning afternoon evening night week monday friday weekend holiday sale festival
double eleven new year spring summer winter rain cold hot coffee tea water walk
home bus train sleep headache shoulders eyes screen chair desk colleague friend
mother father sister brother son daughter cat dog dinner noodles rice dumplings
laughed cried sighed smiled shouted typed copied pasted checked explained agreed
refused escalated apologised promised forgot remembered noticed learned helped
tried handled closed opened answered ignored blocked reported refunded shipped
broken missing wrong damaged small large cheap expensive fake original careful
five ten twenty hundred half quarter whole each every both few many most less
proud grateful annoyed nervous relieved hopeful worried ashamed frustrated okay
maybe probably actually honestly anyway though although while until since before
thought feeling moment reason problem mistake answer question story rule point
zipper jacket shoes dress shirt bag phone case charger cable lamp blender mug
umbrella pillow blanket towel socks scarf gloves hat watch earrings necklace
""")

ZH_WORDS = _words("""
我 的 了 是 今天 顾客 不 在 有 就 也 他 她 都 说 又 还 很 一个 没有 这个 要 让 给
退款 订单 物流 快递 差评 客户 问题 一直 已经 觉得 因为 所以 但是 然后 可能 真的
仅退款 平台介入 小二 千牛 主管 同事 店铺 商品 发货 包裹 破损 少发 错发 尺码 颜色
优惠券 活动 价格 链接 库存 仓库 地址 电话 售后 投诉 评价 好评 退货 换货 补发
生气 着急 委屈 累 烦 开心 放松 平静 深呼吸 休息 午饭 下班 上班 晚班 早班 加班
等 等待 回复 解释 道歉 安慰 沟通 处理 核实 截图 拍照 查询 催促 拒绝 同意 答应
一会儿 半天 好久 马上 刚才 后来 最后 终于 差点 其实 反正 突然 慢慢 总是 偶尔
早上 中午 下午 晚上 周末 双十一 六一八 年货节 大促 春节 夏天 冬天 下雨 咖啡 奶茶
眼睛 肩膀 头疼 喉咙 椅子 电脑 耳机 键盘 窗口 消息 话术 表情 语音 视频 图片
妈妈 爸爸 孩子 朋友 男朋友 女朋友 猫 狗 晚饭 面条 米饭 饺子 外卖 地铁 公交
学到 想到 记得 忘了 注意到 发现 明白 相信 希望 担心 害怕 后悔 感谢 骄傲 满意
外套 鞋子 裙子 衬衫 包包 手机壳 充电器 数据线 台灯 杯子 雨伞 枕头 毛巾 袜子
""")


def _zipf(words: list[str]) -> tuple[list[str], list[float]]:
    return words, [1.0 / rank for rank in range(1, len(words) + 1)]


class Writer:
    """Deterministic text: the same seed gives the same journal."""

    def __init__(self, seed: int = 17) -> None:
        self.rng = random.Random(seed)
        self.en = _zipf(EN_WORDS)
        self.zh = _zipf(ZH_WORDS)

    def _sentence(self, chinese: bool) -> str:
        rng = self.rng
        count = rng.randint(4, 18)
        words, weights = self.zh if chinese else self.en
        picked = rng.choices(words, weights, k=count)
        if chinese:
            middle = "".join(w + ("，" if rng.random() < 0.12 else "") for w in picked)
            return middle.rstrip("，") + rng.choice("。。。。！？")
        text = " ".join(w + ("," if rng.random() < 0.08 else "") for w in picked).rstrip(",")
        text = text.replace(" i ", " I ")
        return text[0].upper() + text[1:] + rng.choice("....!?")

    def entry(self, rare: bool) -> tuple[str, str, list[str]]:
        """Title (the first sentence, as jrnl reads it), body and tags of one entry."""
        rng = self.rng
        chinese = rng.random() < 0.45
        sentences = max(1, min(60, round(rng.lognormvariate(2.0, 0.75))))
        parts = [self._sentence(chinese) for _ in range(sentences)]
        if rare:
            at = rng.randrange(len(parts))
            joiner = "" if chinese else " "
            parts[at] = parts[at][:-1] + joiner + RARE + parts[at][-1]
        tags: list[str] = []
        roll = rng.random()
        if roll < 0.05:
            tags = rng.sample(TAGS, 2 if roll < 0.01 else 1)
        title, body_sentences = parts[0], parts[1:]
        paragraphs, line = [], []
        for sentence in body_sentences:
            line.append(sentence)
            if rng.random() < 0.2:
                paragraphs.append(("" if chinese else " ").join(line))
                line = []
        if line:
            paragraphs.append(("" if chinese else " ").join(line))
        body = "\n\n".join(paragraphs)
        if tags:
            body = (body + " " if body else "") + " ".join(tags)
        return title, body, tags


def write_jrnl_text(count: int, path: Path, now: datetime, seed: int = 17) -> list[dict]:
    """``count`` entries in jrnl's plain-text format, oldest first. Returns them as
    jrnl's JSON export lists entries (for when jrnl itself cannot be installed)."""
    writer = Writer(seed)
    rng = random.Random(seed + 1)
    first = (now - timedelta(days=SPAN_DAYS)).replace(hour=0, minute=0, second=0, microsecond=0)
    step = SPAN_DAYS * 24 * 60 / count  # minutes between entries, on average
    entries = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            moment = first + timedelta(minutes=step * i)
            # Agents write during and after the shift: move the time of day into 08-23h.
            minute_of_day = 8 * 60 + int((moment.hour * 60 + moment.minute) * 15 / 24)
            moment = moment.replace(hour=minute_of_day // 60, minute=minute_of_day % 60)
            title, body, tags = writer.entry(rare=rng.random() < 1 / 250)
            starred = rng.random() < 0.02
            out.write(f"[{moment:%Y-%m-%d %H:%M}] {title}{' *' if starred else ''}\n")
            out.write(f"{body}\n\n" if body else "\n")
            entries.append(
                {
                    "title": title,
                    "body": body,
                    "date": f"{moment:%Y-%m-%d}",
                    "time": f"{moment:%H:%M}",
                    "tags": tags,
                    "starred": starred,
                }
            )
    return entries


def write_export(entries: list[dict], path: Path) -> None:
    """The entries in the shape of jrnl's JSON export."""
    path.write_text(json.dumps({"tags": {}, "entries": entries}, ensure_ascii=False), "utf-8")


def jrnl_config(folder: Path) -> Path:
    """A jrnl config for a journal file in ``folder`` (plain, no colours, no editor)."""
    journal = folder / "journal.txt"
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: '{journal}'}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        "utf-8",
    )
    return config


def install_jrnl(folder: Path) -> Path | None:
    """jrnl 4.x in its own venv (pip, from the configured index); None if it fails."""
    venv = folder / "jrnl-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "jrnl>=4,<5"], capture_output=True, text=True
    )
    if pip.returncode != 0:
        print(f"  jrnl could not be installed: {pip.stderr.strip()[-300:]}")
        return None
    return venv / "bin" / "jrnl"


def build_jrnl_journal(
    jrnl: Path, folder: Path, text: Path, env: dict[str, str]
) -> tuple[Path, Path]:
    """Import ``text`` into a fresh jrnl journal in ``folder``; return its config and
    jrnl's JSON export of it."""
    folder.mkdir(parents=True, exist_ok=True)
    config = jrnl_config(folder)
    (folder / "journal.txt").write_text("", "utf-8")
    base = [str(jrnl), "--config-file", str(config)]
    subprocess.run(
        [*base, "--import", "--file", str(text)], env=env, check=True, capture_output=True
    )
    export = folder / "export.json"
    subprocess.run(
        [*base, "--format", "json", "--file", str(export)], env=env, check=True, capture_output=True
    )
    return config, export
