"""A small, fast writer of .xlsx workbooks in which every cell is text: the part of xlsxwriter's API feedback.py uses.

    wb = Workbook(path, {"strings_to_formulas": False, ...})   # options are accepted and ignored: cells are text
    fmt = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    ws = wb.add_worksheet("ringkasan")
    ws.set_column(0, 2, 16, fmt); ws.write_string(0, 0, "teks", fmt); ws.freeze_panes(1, 0); ws.activate()
    wb.close()

Rows and columns are 0-based as in xlsxwriter. Cells are kept per sheet until close(), which writes the whole
package (Office Open XML SpreadsheetML, ZIP_DEFLATED at level 1) to the path. Text is written as inline strings
(t="inlineStr"), so nothing can become a number, a date or a formula. As xlsxwriter does: text is cut to Excel's
limit of 32,767 UTF-16 units (write_string returns -2); an empty string is an empty text cell; a cell with no
format takes its column's format from set_column, whenever that is called; control characters become _xHHHH_
escapes, and a literal _xHHHH_ in the text becomes _x005F_xHHHH_, so Excel shows it as typed. Lone surrogates,
which UTF-8 cannot encode, are dropped. The output is byte-for-byte reproducible: it holds no timestamps.

Format properties: bold, font_size, bg_color ("#RRGGBB"), border (xlsxwriter's 1-13 line styles; 1 = thin),
border_color, text_wrap, valign (top, vcenter, bottom, vjustify, vdistributed). Anything else raises ValueError.
"""

from __future__ import annotations

import re
import zipfile
from itertools import chain
from os import PathLike

MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_STRING = 32_767

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument."

# Text needs more than copying for XML's & < >, characters XML 1.0 cannot hold or Excel escapes (control characters
# but tab and LF; U+FFFE, U+FFFF; lone surrogates, which UTF-8 cannot encode) and a literal _xHHHH_. A sheet's texts
# are escaped in one go, joined by NUL, so what is used on the joined text leaves NUL alone.
_CONTROL_BYTES = bytes([*range(1, 9), *range(11, 32)])
_LITERAL_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile("[\x01-\x08\x0b-\x1f\ufffe\uffff]")
_CONTROL_AND_NUL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 16_384  # cells per piece of sheet XML compressed at a time
_OPEN = ' t="inlineStr"><is><t xml:space="preserve">'
_CLOSE = "</t></is></c>"

_BORDER_STYLES = ("", "thin", "medium", "dashed", "dotted", "thick", "double", "hair", "mediumDashed", "dashDot",
                  "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot")
_VALIGN = {"top": "top", "vcenter": "center", "bottom": "bottom", "vjustify": "justify", "vdistributed": "distributed"}
_PROPERTIES = frozenset({"bold", "font_size", "bg_color", "border", "border_color", "text_wrap", "valign"})
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

_COLUMN_LETTERS: list[str] = []


def _letters(upto: int) -> list[str]:
    """Column letters A, B, ... for columns 0..upto, computed once per process."""
    letters = _COLUMN_LETTERS
    for col in range(len(letters), upto + 1):
        name, n = "", col + 1
        while n:
            n, rem = divmod(n - 1, 26)
            name = chr(65 + rem) + name
        letters.append(name)
    return letters


def _escape_text(text: str, control: re.Pattern = _CONTROL_AND_NUL) -> str:
    """Text as it goes between <t> and </t>: the way xlsxwriter writes it, but without lone surrogates."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = control.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return _SURROGATE.sub("", text)


def _escape_texts(texts: list[str]) -> list[str]:
    """_escape_text() of each text: as one string, joined by NUL, unless a text holds a NUL of its own."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [_escape_text(text) for text in texts]
    text = joined
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate
        text = _SURROGATE.sub("", text)
        data = text.encode()
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)  # U+FFFE, U+FFFF are EF BF BE, EF BF BF
    return texts if text is joined else text.split("\x00")


def _utf16_length(text: str) -> int:
    """Excel counts a text's length in UTF-16 units: a character above U+FFFF, such as an emoji, counts 2."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _truncate(text: str) -> str:
    """The longest start of the text within MAX_STRING UTF-16 units that does not split a character."""
    end = MAX_STRING
    while (excess := _utf16_length(text[:end]) - MAX_STRING) > 0:
        end -= (excess + 1) // 2  # no more characters than must go, as each is 1 or 2 units
    return text[:end]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _color(value, key: str) -> str:
    if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return "FF" + value[1:].upper()
    raise ValueError(f"{key} must be a '#RRGGBB' colour, not {value!r}")


def _cell_ref(row: int, col: int) -> str:
    return f"{_letters(col)[col]}{row + 1}"


class Format:
    """A cell format; only its workbook's add_format() makes one."""

    __slots__ = ("_font", "_fill", "_border", "_alignment", "_xf", "_style")

    def __init__(self, properties: dict, xf: int) -> None:
        unknown = set(properties) - _PROPERTIES
        if unknown:
            raise ValueError(f"unsupported format properties: {sorted(unknown)}")
        size = properties.get("font_size", 11)
        if isinstance(size, bool) or not isinstance(size, (int, float)) or not 1 <= size <= 409:
            raise ValueError(f"font_size must be a number from 1 to 409, not {size!r}")
        self._font = (bool(properties.get("bold")), f"{size:g}")
        self._fill = _color(properties["bg_color"], "bg_color") if properties.get("bg_color") else None
        style = properties.get("border") or 0
        if isinstance(style, bool) or style not in range(len(_BORDER_STYLES)):
            raise ValueError(f"border must be one of xlsxwriter's line styles 0-13, not {style!r}")
        color = _color(properties["border_color"], "border_color") if properties.get("border_color") else None
        self._border = (_BORDER_STYLES[style], color) if style else None
        valign = properties.get("valign")
        if valign is not None and valign not in _VALIGN:
            raise ValueError(f"valign must be one of {sorted(_VALIGN)}, not {valign!r}")
        self._alignment = (bool(properties.get("text_wrap")), _VALIGN.get(valign, "bottom"))
        self._xf = xf
        self._style = f' s="{xf}"'


class Worksheet:
    """One sheet; only its workbook's add_worksheet() makes one. Cells are kept until the workbook is closed."""

    __slots__ = ("name", "_book", "_index", "_rows", "_columns", "_panes")

    def __init__(self, book: Workbook, index: int, name: str) -> None:
        self.name = name
        self._book = book
        self._index = index
        self._rows: dict[int, dict[int, tuple[str, Format | None]]] = {}
        self._columns: dict[int, tuple[float | None, Format | None]] = {}
        self._panes: tuple[int, int, int, int] | None = None

    def get_name(self) -> str:
        return self.name

    def write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
        """Write text at 0-based (row, col): 0, or -1 outside the sheet, or -2 when cut to Excel's 32,767 units."""
        if not (0 <= row < 1_048_576 and 0 <= col < 16_384):  # MAX_ROWS, MAX_COLS
            return -1
        if string.__class__ is not str and not isinstance(string, str):
            raise TypeError(f"write_string() writes a str, not {type(string).__name__}")
        result = 0
        if len(string) > 16_383 and _utf16_length(string) > 32_767:  # a shorter text cannot exceed MAX_STRING
            string, result = _truncate(string), -2
        cells = self._rows.get(row)
        if cells is None:
            self._rows[row] = {col: (string, cell_format)}
        else:
            cells[col] = (string, cell_format)
        return result

    def set_column(self, first_col: int, last_col: int, width: float | None = None,
                   cell_format: Format | None = None) -> int:
        """Width (in characters, as in Excel's column width box) and default format of columns first_col..last_col."""
        if first_col > last_col:
            first_col, last_col = last_col, first_col
        if first_col < 0 or last_col >= MAX_COLS:
            return -1
        for col in range(first_col, last_col + 1):
            self._columns[col] = (width, cell_format)
        return 0

    def freeze_panes(self, row: int, col: int, top_row: int | None = None, left_col: int | None = None) -> None:
        """Freeze the rows above `row` and the columns left of `col`; (1, 0) keeps the header row in view."""
        self._panes = (row, col, row if top_row is None else top_row, col if left_col is None else left_col)

    def activate(self) -> None:
        """Make this the sheet shown (and selected) when the workbook is opened."""
        self._book._active = self._index

    def _write(self, stream, active: bool) -> None:
        """Write the sheet's XML to the (zip member) stream, _CHUNK cells at a time."""
        rows = self._rows
        if not rows:
            stream.write((self._head(active, "A1") + "<sheetData/>" + _SHEET_END).encode())
            return
        letters = _letters(max(map(max, rows.values())))
        first = f"{letters[min(map(min, rows.values()))]}{min(rows) + 1}"
        last = f"{letters[max(map(max, rows.values()))]}{max(rows) + 1}"
        stream.write(self._head(active, first if first == last else f"{first}:{last}").encode())
        style_of = {col: fmt._style for col, (_, fmt) in self._columns.items() if fmt is not None}.get
        # Cell i is prefixes[i] + texts[i]; prefixes[i] also closes the cell before it and the rows between.
        prefixes: list[str] = []
        texts: list[str] = []
        add_prefix, add_text = prefixes.append, texts.append
        pending = "<sheetData>"
        for row in sorted(rows):
            cells = rows[row]
            number = str(row + 1)
            pending += '<row r="' + number + '">'
            for col in sorted(cells):
                text, fmt = cells[col]
                add_prefix(f'{pending}<c r="{letters[col]}{number}"{style_of(col, "") if fmt is None else fmt._style}{_OPEN}')
                add_text(text)
                pending = _CLOSE
            pending += "</row>"
            if len(texts) >= _CHUNK:
                stream.write("".join(chain.from_iterable(zip(prefixes, _escape_texts(texts)))).encode())
                prefixes.clear()
                texts.clear()
        add_prefix(pending + "</sheetData>" + _SHEET_END)
        add_text("")
        stream.write("".join(chain.from_iterable(zip(prefixes, _escape_texts(texts)))).encode())

    def _head(self, active: bool, dimension: str) -> str:
        parts = [f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><dimension ref="{dimension}"/><sheetViews>',
                 '<sheetView tabSelected="1" workbookViewId="0">' if active else '<sheetView workbookViewId="0">',
                 self._panes_xml(), '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>']
        if self._columns:
            parts.append("<cols>")
            spans: list[list] = []
            for col in sorted(self._columns):
                setting = self._columns[col]
                if spans and spans[-1][1] == col - 1 and spans[-1][2] == setting:
                    spans[-1][1] = col
                else:
                    spans.append([col, col, setting])
            for first, last, (width, fmt) in spans:
                custom = width is not None and width != 8.43
                if width is None:
                    width = 8.43
                pixels = int(width * 12 + 0.5) if width < 1 else int(width * 7 + 0.5) + 5  # as xlsxwriter, Calibri 11
                style = f' style="{fmt._xf}"' if fmt is not None else ""
                custom_width = ' customWidth="1"' if custom else ""
                parts.append(f'<col min="{first + 1}" max="{last + 1}" width="{pixels * 256 // 7 / 256:.16g}"{style}'
                             f"{custom_width}/>")
            parts.append("</cols>")
        return "".join(parts)

    def _panes_xml(self) -> str:
        if self._panes is None:
            return ""
        row, col, top_row, left_col = self._panes
        if not row and not col:
            return ""
        top_left = _cell_ref(top_row, left_col)
        split = (f' xSplit="{col}"' if col else "") + (f' ySplit="{row}"' if row else "")
        if row and col:
            pane = "bottomRight"
            top_right, bottom_left = _cell_ref(0, col), _cell_ref(row, 0)
            selection = (f'<selection pane="topRight" activeCell="{top_right}" sqref="{top_right}"/>'
                         f'<selection pane="bottomLeft" activeCell="{bottom_left}" sqref="{bottom_left}"/>'
                         '<selection pane="bottomRight"/>')
        else:
            pane = "topRight" if col else "bottomLeft"
            selection = f'<selection pane="{pane}"/>'
        return f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>{selection}'


class Workbook:
    """An .xlsx file written at `filename` when close() is called (or the `with` block ends)."""

    def __init__(self, filename: str | PathLike, options: dict | None = None) -> None:
        self.filename = filename
        self._formats: list[Format] = []
        self._sheets: list[Worksheet] = []
        self._active = 0
        self._closed = False

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_format(self, properties: dict | None = None) -> Format:
        fmt = Format(properties or {}, len(self._formats) + 1)  # cell style 0 is the default
        self._formats.append(fmt)
        return fmt

    def add_worksheet(self, name: str | None = None) -> Worksheet:
        if name is None:
            name = f"Sheet{len(self._sheets) + 1}"
        if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'") or name.endswith("'"):
            raise ValueError(f"invalid worksheet name {name!r}: 1-31 characters, none of []:*?/\\, no ' at either end")
        if any(sheet.name.lower() == name.lower() for sheet in self._sheets):
            raise ValueError(f"duplicate worksheet name {name!r}")
        sheet = Worksheet(self, len(self._sheets), name)
        self._sheets.append(sheet)
        return sheet

    def worksheets(self) -> list[Worksheet]:
        return list(self._sheets)

    def close(self) -> None:
        """Write the workbook; a second call does nothing."""
        if self._closed:
            return
        self._closed = True
        if not self._sheets:
            self.add_worksheet()
        active = self._active
        count = len(self._sheets)
        sheets = "".join(f'<sheet name="{_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, s in enumerate(self._sheets, start=1))
        view = f' activeTab="{active}"' if active else ""
        with zipfile.ZipFile(self.filename, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            def put(name: str, text: str) -> None:
                with archive.open(name, "w") as stream:  # dated 1980-01-01, so the same cells give the same bytes
                    stream.write(text.encode())

            put("[Content_Types].xml", _content_types(count))
            put("_rels/.rels", _ROOT_RELS)
            put("docProps/app.xml", _APP)
            put("docProps/core.xml", _CORE)
            put("xl/workbook.xml", f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><bookViews><workbookView'
                                   f'{view}/></bookViews><sheets>{sheets}</sheets></workbook>')
            put("xl/_rels/workbook.xml.rels", _workbook_rels(count))
            put("xl/styles.xml", _styles(self._formats))
            for index, sheet in enumerate(self._sheets):
                with archive.open(f"xl/worksheets/sheet{index + 1}.xml", "w") as stream:
                    sheet._write(stream, index == active)
                sheet._rows = {}


_SHEET_END = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
_ROOT_RELS = (f'{_HEAD}<Relationships xmlns="{_PKG_RELS}">'
              f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
              f'<Relationship Id="rId2" Type="{_PKG_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
              f'<Relationship Id="rId3" Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml"/>'
              "</Relationships>")
_APP = (f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>Microsoft Excel</Application></Properties>")
_CORE = (f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
         "</cp:coreProperties>")


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}spreadsheetml.worksheet+xml"/>'
                     for i in range(1, count + 1))
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_CT}extended-properties+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}spreadsheetml.sheet.main+xml"/>{sheets}</Types>')


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                     for i in range(1, count + 1))
    return (f'{_HEAD}<Relationships xmlns="{_PKG_RELS}">{sheets}'
            f'<Relationship Id="rId{count + 1}" Type="{_DOC_RELS}/styles" Target="styles.xml"/></Relationships>')


def _styles(formats: list[Format]) -> str:
    """styles.xml: the default cell style 0, then one cell style per format, sharing identical fonts/fills/borders."""
    fonts: dict = {(False, "11"): 0}
    fills: dict = {None: 0, "gray125": 1}
    borders: dict = {None: 0}
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    for fmt in formats:
        font = fonts.setdefault(fmt._font, len(fonts))
        fill = fills.setdefault(fmt._fill, len(fills))
        border = borders.setdefault(fmt._border, len(borders))
        wrap, vertical = fmt._alignment
        applies = ((' applyFont="1"' if font else "") + (' applyFill="1"' if fill else "")
                   + (' applyBorder="1"' if border else ""))
        if wrap or vertical != "bottom":
            alignment = (f' vertical="{vertical}"' if vertical != "bottom" else "") + (' wrapText="1"' if wrap else "")
            xfs.append(f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"{applies}'
                       f' applyAlignment="1"><alignment{alignment}/></xf>')
        else:
            xfs.append(f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"{applies}/>')
    font_xml = "".join(f'<font>{"<b/>" if bold else ""}<sz val="{size}"/><name val="Calibri"/><family val="2"/></font>'
                       for bold, size in fonts)
    fill_xml = ('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
                + "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="{color}"/><bgColor indexed="64"/>'
                          "</patternFill></fill>" for color in list(fills)[2:]))
    border_xml = "<border><left/><right/><top/><bottom/><diagonal/></border>"
    for style, color in list(borders)[1:]:
        line = f'<color rgb="{color}"/>' if color else '<color auto="1"/>'
        border_xml += ("<border>" + "".join(f'<{side} style="{style}">{line}</{side}>'
                                            for side in ("left", "right", "top", "bottom")) + "<diagonal/></border>")
    return (f'{_HEAD}<styleSheet xmlns="{_MAIN}"><fonts count="{len(fonts)}">{font_xml}</fonts>'
            f'<fills count="{len(fills)}">{fill_xml}</fills><borders count="{len(borders)}">{border_xml}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')
