"""Simplified Chinese for what click itself prints (errors, usage, help headings) and for
operating-system errors, so that every line an author reads is Chinese.

Click 8 passes each message template through gettext (`_`/`ngettext`, imported into each of
its modules) before formatting it. install() points those names, in click's modules, at a
lookup in MESSAGES that falls back to the English template, and renames the number types
(their names go into "… is not a valid integer."). gkgen.cli.zhhelp lays out the help
pages for Chinese text.
"""

from __future__ import annotations

import errno
import importlib
import re
import socket
from collections.abc import Callable
from typing import Any

import click

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                 "utils", "_termui_impl", "shell_completion")

# English template (exactly as in click's source) -> Chinese; the {fields} stay as they are,
# and a field the Chinese does not need may be left out (str.format ignores it).
MESSAGES: dict[str, str] = {
    # exceptions.py
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要用其中之一：{possibilities}？）",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    # core.py
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "Got unexpected extra argument ({args})": "多余的参数：{args}",
    "Got unexpected extra arguments ({args})": "多余的参数：{args}",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，但给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组值。",
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Positional arguments": "参数",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "提示：命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "提示：{name!r} 已弃用。{extra_message}",
    # decorators.py
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不再询问，直接确认。",
    # formatting.py
    "Usage:": "用法：",
    # parser.py
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不能带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    # types.py
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是一个文件，这里需要的是目录。",
    "{name} {filename!r} is a directory.": "{filename!r} 是一个目录，这里需要的是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 没有执行权限。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 超出了允许的范围 {range}。",
    "{value!r} is not {choice}.": "{value!r} 不是可选的值，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值，可选：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的是/否值。可用的值：{states}",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合以下任何一种格式：{formats}。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{len_type} values are required, but {len_value} was given.":
        "需要 {len_type} 个值，但给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.":
        "需要 {len_type} 个值，但给了 {len_value} 个。",
    # termui.py, _termui_impl.py, shell_completion.py
    "Repeat for confirmation": "请再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "d": "天",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Bash 4.4 以下的版本不支持命令补全。",
    "Couldn't detect Bash version, shell completion is not supported.":
        "无法识别 Bash 版本，不支持命令补全。",
}

# click's number types name themselves in "… is not a valid integer." and in placeholders
NUMBER_NAMES = {"IntParamType": "整数", "IntRange": "整数", "FloatParamType": "数值",
                "FloatRange": "数值"}


def gettext_zh(message: str) -> str:
    """The Chinese for one of click's message templates (the English when there is none)."""
    return MESSAGES.get(message, message)


def ngettext_zh(singular: str, plural: str, n: int) -> str:
    """ngettext for click: pick the English form by n, then translate it."""
    return gettext_zh(singular if n == 1 else plural)


def tidy(text: str) -> str:
    """Chinese sentence ends where click joins sentences with an English ". " or a space."""
    return text.replace("。 ", "。")


def _tidy_missing(text: str) -> str:
    # MissingParameter builds f"{missing}{param_hint}.{msg}": the "." ends the first sentence
    return tidy(re.sub(r"\.(?= |$)", "。", text, count=1))


def _wrap(cls: type, tidier: Callable[[str], str]) -> None:
    original = cls.format_message  # type: ignore[attr-defined]

    def format_message(self: Any) -> str:
        return tidier(original(self))

    cls.format_message = format_message  # type: ignore[attr-defined]


_installed = False


def install() -> None:
    """Make click speak Chinese in this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without this module
            continue
        if hasattr(module, "_"):
            module._ = gettext_zh  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_zh  # type: ignore[attr-defined]
    for cls_name, zh in NUMBER_NAMES.items():
        if hasattr(click.types, cls_name):
            getattr(click.types, cls_name).name = zh
    exceptions = click.exceptions
    _wrap(exceptions.MissingParameter, _tidy_missing)
    _wrap(exceptions.NoSuchOption, tidy)
    if hasattr(exceptions, "NoSuchCommand"):  # click >= 8.4
        _wrap(exceptions.NoSuchCommand, tidy)


OS_ERRORS: dict[int, str] = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许这样操作（没有权限）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.EROFS: "所在的磁盘或目录是只读的",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EEXIST: "文件或目录已存在",
    errno.ENOTEMPTY: "目录不是空的",
    errno.EBUSY: "文件或设备正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "系统打开的文件太多",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接循环",
    errno.EIO: "读写磁盘时出错",
    errno.EXDEV: "不能跨磁盘移动",
    errno.EINVAL: "参数无效",
    errno.EFBIG: "文件太大",
    errno.ENOMEM: "内存不足",
    errno.EAGAIN: "资源暂时不可用，请稍后再试",
    errno.EINTR: "操作被中断",
    errno.ENODEV: "设备不存在",
    errno.ENXIO: "设备或地址不存在",
    errno.ESTALE: "网络文件已失效",
    errno.EPIPE: "连接已断开",
    errno.EADDRINUSE: "地址或端口已被占用",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ECONNRESET: "连接被重置",
    errno.ETIMEDOUT: "操作超时",
    errno.EHOSTUNREACH: "无法连接到主机",
    errno.ENETUNREACH: "网络不可达",
    errno.EOPNOTSUPP: "不支持这个操作",
}

# exceptions raised without an errno (e.g. FileNotFoundError("…")) still say what they are
OS_ERROR_CLASSES: tuple[tuple[type[OSError], int], ...] = (
    (FileNotFoundError, errno.ENOENT), (PermissionError, errno.EACCES),
    (IsADirectoryError, errno.EISDIR), (NotADirectoryError, errno.ENOTDIR),
    (FileExistsError, errno.EEXIST), (TimeoutError, errno.ETIMEDOUT),
    (ConnectionRefusedError, errno.ECONNREFUSED), (ConnectionResetError, errno.ECONNRESET),
    (BrokenPipeError, errno.EPIPE),
)


def os_error_zh(exc: OSError) -> str:
    """What an OS error means, in Chinese (for messages that already name the path)."""
    if isinstance(exc, socket.gaierror):
        return "无法识别这个主机名或地址"
    code = exc.errno
    if code is None:
        code = next((n for cls, n in OS_ERROR_CLASSES if isinstance(exc, cls)), None)
    if code in OS_ERRORS:
        return OS_ERRORS[code]
    name = errno.errorcode.get(code, "") if code is not None else ""
    return f"系统错误{f' {name}' if name else ''}（{exc.strerror or exc}）"


# Jinja's messages about a site's own templates, in the author's language. Names quoted in
# the English text ('foo') are kept; anything unknown gets a Chinese sentence, never English.
_JINJA = (
    (re.compile(r"unexpected end of template.*"), "模板意外结束：有未闭合的 {% … %} 块或 {{ … }}"),
    (re.compile(r"unexpected '(.+?)'"), "出现了意外的“{0}”"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), "此处应为“{0}”，却是“{1}”"),
    (re.compile(r"Encountered unknown tag '(.+?)'.*"), "不认识的标签“{0}”"),
    (re.compile(r"no filter named '(.+?)'"), "没有名为“{0}”的过滤器"),
    (re.compile(r"no test named '(.+?)'"), "没有名为“{0}”的测试"),
    (re.compile(r"'(.+?)' is undefined"), "“{0}”未定义"),
    (re.compile(r"'(.+?)' has no attribute '(.+?)'"), "“{0}”没有“{1}”这一项"),
    (re.compile(r".*object has no attribute '(.+?)'"), "没有“{0}”这一项"),
    (re.compile(r"tag name expected"), "缺少标签名"),
    (re.compile(r"Missing end of comment tag"), "注释 {# 没有配对的 #}"),
)


def jinja_zh(message: str | None) -> str:
    """A Jinja error message in Chinese (its quoted names kept)."""
    text = (message or "").strip()
    for pattern, zh in _JINJA:
        m = re.compile(pattern.pattern, re.IGNORECASE).search(text)
        if m:  # the Chinese text holds braces of its own: no str.format
            for i, name in enumerate(m.groups()):
                zh = zh.replace(f"{{{i}}}", name)
            return zh
    return "模板写法有误，无法识别"
