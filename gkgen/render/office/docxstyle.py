"""The fixed parts of report.docx: styles after GB/T 9704, numbering, settings, footers.

Page: A4, margins 37 mm top, 28 mm left (binding), 26 mm right, 35 mm bottom (a 156 x 225 mm
text block); 22 lines to the page (line pitch 225 mm / 22 = 28.95 pt). Body 三号 (16 pt)
仿宋; title 二号 (22 pt) 小标宋; "一、" headings 黑体, "（一）" 楷体, lower levels 仿宋, none
bold; tables 五号 (10.5 pt) 宋体; page numbers "— N —" 四号 (14 pt) 宋体, odd pages right,
even pages left, one character in from the edge. The same numbers as gkgen/assets/print.css.

Fonts are named, not embedded (the proprietary ones may not be): Word uses them when
installed and substitutes the others; the document's description says which free fonts
(Fandol) to install.
"""

from __future__ import annotations

from gkgen.render.office.package import XML_HEAD, text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'

FANGSONG, HEI, KAI, SONG, TITLE = "仿宋", "黑体", "楷体", "宋体", "方正小标宋简体"
#: Each font named in the document, with the free font that can stand in for it.
FONTS = {FANGSONG: "FandolFang", HEI: "FandolHei", KAI: "FandolKai", SONG: "FandolSong",
         TITLE: "FandolSong"}
FONT_NOTE = ("本文件按 GB/T 9704 使用字体：" + "、".join(FONTS) + "。电脑中没有这些字体时，Word 会用其他字体代替；"
             "可安装免费的 Fandol 字体（FandolFang、FandolHei、FandolKai、FandolSong，GPL 字体例外许可，"
             "随 TeX Live 的 texlive-lang-chinese 提供）。")

# Page geometry, in twentieths of a point (1 mm = 56.693 twips).
PAGE_W, PAGE_H = 11906, 16838
TOP, LEFT, RIGHT, BOTTOM = 2098, 1587, 1474, 1984
TEXT_W = PAGE_W - LEFT - RIGHT  # 8845 = 156 mm
FOOTER = 1304  # 23 mm from the bottom edge: the page number's line sits 7 mm below the text
LINE = 579  # 28.95 pt: 22 lines in 225 mm
CHAR = 320  # one 16 pt character: indents are counted in characters


def fonts(name: str) -> str:
    """rFonts naming one font for every script (w:eastAsia is what Word uses for Chinese)."""
    return (f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" '
            'w:hint="eastAsia"/>')


def _style(sid: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph",
           based: str = "Normal", extra: str = "") -> str:
    basedon = f'<w:basedOn w:val="{based}"/>' if based else ""
    default = ' w:default="1"' if sid == "Normal" else ""
    return (f'<w:style w:type="{kind}"{default} w:styleId="{sid}"><w:name w:val="{name}"/>{basedon}'
            f'{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


def _heading(level: int, font: str) -> str:
    return _style(f"Heading{level}", f"heading {level}",
                  f'<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0" w:line="{LINE}" '
                  f'w:lineRule="exact"/><w:ind w:firstLine="{2 * CHAR}"/><w:jc w:val="both"/>'
                  f'<w:outlineLvl w:val="{level - 1}"/>',
                  fonts(font) + '<w:b w:val="0"/><w:bCs w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
                  extra='<w:next w:val="Normal"/>')


STYLES = (XML_HEAD + f"<w:styles {NS}>"
          "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts(FANGSONG) +
          '<w:kern w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
          '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
          f'<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="{LINE}" '
          'w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>'
          + _style("Normal", "Normal", f'<w:ind w:firstLine="{2 * CHAR}"/><w:jc w:val="both"/>',
                   based="", extra="")
          + _style("Title", "Title",
                   f'<w:keepNext/><w:spacing w:before="0" w:after="{LINE}" w:line="638" '
                   'w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>',
                   fonts(TITLE) + '<w:sz w:val="44"/><w:szCs w:val="44"/>')
          + _heading(1, HEI) + _heading(2, KAI) + _heading(3, FANGSONG) + _heading(4, FANGSONG)
          + _heading(5, FANGSONG)
          + _style("ListParagraph", "List Paragraph", f'<w:ind w:firstLine="{2 * CHAR}"/>')
          + _style("ListBullet", "List Bullet",
                   f'<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="{4 * CHAR}" '
                   f'w:hanging="{CHAR}"/>')
          + _style("Quote", "Quote", f'<w:ind w:left="{2 * CHAR}" w:right="{2 * CHAR}" '
                   f'w:firstLine="{2 * CHAR}"/>')
          + _style("Caption", "caption",
                   '<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="289" w:after="80" w:line="360" '
                   'w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>',
                   fonts(HEI) + '<w:sz w:val="24"/><w:szCs w:val="24"/>')
          + _style("TableText", "Table Text",
                   '<w:snapToGrid w:val="0"/><w:spacing w:before="40" w:after="40" w:line="284" '
                   'w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>',
                   fonts(SONG) + '<w:sz w:val="21"/><w:szCs w:val="21"/>')
          + _style("Signoff", "Signoff",
                   f'<w:ind w:right="{4 * CHAR}" w:firstLine="0"/><w:jc w:val="right"/>')
          + _style("Footer", "footer",
                   '<w:snapToGrid w:val="0"/><w:spacing w:line="280" w:lineRule="exact"/><w:ind w:firstLine="0"/>',
                   fonts(SONG) + '<w:sz w:val="28"/><w:szCs w:val="28"/>')
          + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
          '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
          '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" '
          'w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
          "</w:styles>")

NUMBERING = (XML_HEAD + f"<w:numbering {NS}>"
             '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
             f'<w:pPr><w:ind w:left="{4 * CHAR}" w:hanging="{CHAR}"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')

SETTINGS = (XML_HEAD + f"<w:settings {NS}>"
            '<w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            "</w:settings>")

FONT_TABLE = (XML_HEAD + f"<w:fonts {NS}>" + "".join(
    f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    for name, alt in FONTS.items()) + "</w:fonts>")


def footer(odd: bool) -> str:
    """The page number "— N —": odd pages right, even pages left, one character in."""
    side = ('<w:jc w:val="right"/>' if odd else '<w:jc w:val="left"/>')
    ind = f'<w:ind w:{"right" if odd else "left"}="280" w:firstLine="0"/>'
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    return (XML_HEAD + f"<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>{ind}{side}</w:pPr>"
            + run.format(text("— ")) + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
            "</w:fldSimple>" + run.format(text(" —")) + "</w:p></w:ftr>")


SECTION = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
           '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
           f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
           f'<w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" w:left="{LEFT}" '
           f'w:header="851" w:footer="{FOOTER}" w:gutter="0"/>'
           '<w:pgNumType w:start="1"/><w:cols w:space="425"/>'
           f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>')

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_MAIN}styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_MAIN}settings+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_MAIN}numbering+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_MAIN}fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_MAIN}footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_MAIN}footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>")

DOCUMENT_RELS = [("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml"),
                 ("rIdNumbering", "numbering", "numbering.xml"),
                 ("rIdFonts", "fontTable", "fontTable.xml"),
                 ("rIdFooterOdd", "footer", "footer1.xml"), ("rIdFooterEven", "footer", "footer2.xml")]
