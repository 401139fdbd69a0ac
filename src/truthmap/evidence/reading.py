"""Reading a tool's export: the file checked, its encoding and dialect sniffed,
its columns found, its rows turned into clients.

Every problem is one EvidenceError line naming the file and the line or
column.  Cells are text and stay text: a cell such as `=HYPERLINK(...)` is a
name like any other, shown as written and never evaluated.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..storage import sha256_hex
from .facts import FIELDS, Preset, facts, header_key
from .names import domain_from_email, domain_of, email_of, name_key

SNIFF_DELIMITERS = ",;\t|"
SHOWN_COLUMNS = 12  # columns listed when none of them fits
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one): export the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook: export the sheet as CSV"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


class EvidenceError(Exception):
    """Bad input: one line that names the file and the line or column."""


class ColumnsUnknown(EvidenceError):
    """No column of the file is known to hold a name, an email or a web domain:
    `header` is the file's columns, for a person to say which is which."""

    def __init__(self, message: str, header: list[str]) -> None:
        super().__init__(message)
        self.header = tuple(header)


@dataclass(frozen=True)
class Client:
    """One client as one export holds it: a row, or the rows of one company in a contacts export."""

    export: int  # the export's index in the run
    row: int  # its first row, counted from 1 after the header
    rows: tuple[int, ...]
    name: str  # as written
    key: str  # as compared (names.name_key); "" when the row names none
    emails: tuple[str, ...]
    domains: tuple[str, ...]  # company web domains, never a free-mail service's
    id: str = ""

    @property
    def label(self) -> str:
        """What a person reads for this client: its name, else its email, else its row."""
        return self.name or (self.emails[0] if self.emails else f"row {self.row}")


@dataclass(frozen=True)
class Export:
    index: int
    system: str
    file: str  # the path as given
    rows: int  # data rows read (blank lines and archived cards aside)
    columns: dict[str, str]  # field -> the column (as written) it was read from
    kind: str  # "clients", "contacts" or "trello"
    clients: tuple[Client, ...]
    sha256: str
    size: int
    encoding: str
    notices: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # a CSV's columns as written (none for Trello)


# ------------------------------------------------------------------ the file


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused when it is no file, unreadable, larger than the cap, or empty."""
    name = str(path)
    cap = facts().thresholds.max_file_bytes
    try:
        if not path.exists():
            raise EvidenceError(f"{name}: no such file")
        if path.is_dir():
            raise EvidenceError(f"{name}: is a folder; give the export file")
        size = path.stat().st_size
        if not path.is_file():
            raise EvidenceError(f"{name}: not a regular file")
        if size > cap:
            raise EvidenceError(f"{name}: {size / 2**20:.0f} MiB is more than the {cap // 2**20} MiB an export may be "
                                "(docs/evidence.md); export only the client list, or fewer columns")
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        raise EvidenceError(f"{name}: cannot read: {error.strerror or error}") from None
    if len(data) > cap:
        raise EvidenceError(f"{name}: more than the {cap // 2**20} MiB an export may be (docs/evidence.md)")
    if not data.strip():
        raise EvidenceError(f"{name}: the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise EvidenceError(f"{name}: is {what}, not a CSV or Trello JSON export")
    return data


def decode(data: bytes, name: str) -> tuple[str, str, str | None]:
    """(text, encoding, notice): UTF-8 with or without BOM, UTF-16 with BOM, else Excel's Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "UTF-8 with BOM", data[len(codecs.BOM_UTF8):]
        codec = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body, codec = "UTF-16", data, "utf-16"
    else:
        encoding, body, codec = "UTF-8", data, "utf-8"
    if codec != "utf-16" and b"\x00" in body:
        raise EvidenceError(f"{name}: a binary file (it holds NUL bytes), not a CSV or Trello JSON export")
    try:
        return body.decode(codec), encoding, None
    except UnicodeDecodeError as error:
        if codec != "utf-8" or encoding != "UTF-8":
            raise EvidenceError(f"{name}: byte {error.start + 1}: not valid {encoding}") from None
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError as error:
        raise EvidenceError(f"{name}: byte {error.start + 1}: neither UTF-8 nor Windows-1252 text; "
                            "is it a binary file?") from None
    return text, "Windows-1252", (f"{name}: read as Windows-1252 (Excel's encoding, not UTF-8); if names look "
                                  "wrong, save the export as CSV UTF-8")


# ------------------------------------------------------------------ exports


def read_export(index: int, system: str, path: Path, *, tool: str | None = None,
                columns: dict[str, str] | None = None) -> Export:
    """One export read whole: a CSV (any of the tools) or a Trello board's JSON.

    `tool`: the catalog id of the profile's system (its preset is tried first);
    `columns`: field -> column from --map, which wins over every preset."""
    name = str(path)
    data = read_bytes(path)
    text, encoding, notice = decode(data, name)
    notices = [notice] if notice else []
    start = text.lstrip()[:1]
    header: list[str] = []
    if start in ("{", "[") and (path.suffix.casefold() == ".json" or start == "{"):
        if columns:
            raise EvidenceError(f"{name}: --map does not apply to a Trello JSON export (its cards have names)")
        clients, rows, extra = _trello(text, name, index)
        kind, found = "trello", {"name": "cards[].name", "id": "cards[].id"}
    else:
        clients, rows, found, kind, extra, header = _csv(text, name, index, tool, columns or {})
    notices += extra
    clients, dropped = _drop_shared(clients, name)
    notices += dropped
    return Export(index=index, system=system, file=name, rows=rows, columns=found, kind=kind,
                  clients=tuple(clients), sha256=sha256_hex(data), size=len(data), encoding=encoding,
                  notices=tuple(notices), header=tuple(header))


def _trello(text: str, name: str, index: int) -> tuple[list[Client], int, list[str]]:
    try:
        board = json.loads(text)
    except json.JSONDecodeError as error:
        raise EvidenceError(f"{name}: line {error.lineno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise EvidenceError(f"{name}: JSON nested too deeply to be a Trello board export") from None
    cards = board.get("cards") if isinstance(board, dict) else None
    if not isinstance(cards, list):
        raise EvidenceError(f"{name}: a JSON file that is not a Trello board export (no \"cards\" list)")
    clients, archived = [], 0
    for number, card in enumerate(cards, 1):
        if not isinstance(card, dict) or not isinstance(card.get("name"), str):
            raise EvidenceError(f"{name}: cards[{number - 1}]: a card without a name; is this a Trello board export?")
        if card.get("closed") is True:
            archived += 1
            continue
        title = card["name"]
        card_id = card.get("id") if isinstance(card.get("id"), str) else ""
        clients.append(Client(index, number, (number,), title, name_key(title), (), (), card_id))
    notices = [f"{name}: {archived} archived {'card' if archived == 1 else 'cards'} left out"] if archived else []
    return clients, len(cards) - archived, notices


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:65536]
    counts = {d: _header_fields(sample, d) for d in SNIFF_DELIMITERS}
    widest = max(SNIFF_DELIMITERS, key=lambda d: (counts[d], d == ","))
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=SNIFF_DELIMITERS)
    except csv.Error:
        sniffed = None
    if sniffed is not None and counts.get(sniffed.delimiter, 1) >= counts[widest]:
        sniffed.doublequote = True  # the sniffer guesses this from too little; every export tool doubles quotes
        return sniffed
    dialect = csv.excel()
    dialect.delimiter = widest
    return dialect


def _header_fields(sample: str, delimiter: str) -> int:
    try:
        first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return 0
    return len(first)


def _csv(text: str, name: str, index: int, tool: str | None, mapped: dict[str, str]
         ) -> tuple[list[Client], int, dict[str, str], str, list[str], list[str]]:
    header, records = _records(text, name)
    positions = _positions(header, name)
    found, kind, people = _columns(header, positions, name, tool, mapped)
    at = {field: positions[header_key(column)] for field, column in found.items()}
    return _clients(records, at, index, kind, people), len(records), found, kind, [], header


def _records(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered rows of a CSV (blank lines skipped, not counted)."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        header: list[str] | None = None
        records: list[tuple[int, list[str]]] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if header is None:
                header = row
                width = len(header)
                continue
            if len(row) != width:
                raise EvidenceError(f"{name}: line {reader.line_num}: {len(row)} "
                                    f"{'field' if len(row) == 1 else 'fields'} where the header has {width}")
            records.append((len(records) + 1, row))
    except csv.Error as error:
        raise EvidenceError(f"{name}: line {reader.line_num}: not readable as CSV ({error})") from None
    if header is None:
        raise EvidenceError(f"{name}: the file is empty")
    return header, records


def _positions(header: list[str], name: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for place, column in enumerate(header):
        key = header_key(column)
        if not key:
            continue
        if key in positions:
            raise EvidenceError(f"{name}: line 1: the column {column.strip()!r} appears twice "
                                f"(columns {positions[key] + 1} and {place + 1}); each column needs its own name")
        positions[key] = place
    return positions


def _columns(header: list[str], positions: dict[str, int], name: str, tool: str | None,
             mapped: dict[str, str]) -> tuple[dict[str, str], str, list[int]]:
    """field -> column as written, the export's kind (--map, then the tool's preset,
    then the generic names, then the other tools' presets), and the places of the
    columns naming a person (a row without a client name is that person's)."""
    present = set(positions)
    know = facts()
    own = [p for p in know.presets if p.tool == tool and p.hits(present)]
    preset: Preset | None = max(own, key=lambda p: p.hits(present)) if own else None
    others = [p for p in know.presets if p is not preset and p.hits(present)]
    found: dict[str, str] = {}
    for field in FIELDS:
        if field in mapped:
            column = mapped[field]
            if header_key(column) not in positions:
                raise EvidenceError(f"{name}: --map {field}={column}: no such column (its columns: "
                                    f"{_listed(header)})")
            found[field] = header[positions[header_key(column)]].strip()
            continue
        candidates = [*(preset.columns.get(field, ()) if preset else ()), *know.generic[field],
                      *(h for p in others for h in p.columns.get(field, ()))]
        taken = {header_key(c) for c in found.values()}
        column_key = next((c for c in candidates if c in present and c not in taken), None)
        if column_key is not None:
            found[field] = header[positions[column_key]].strip()
    if not {"name", "email", "domain"} & set(found):
        raise ColumnsUnknown(f"{name}: no column holds a client's name, email or web domain (its columns: "
                             f"{_listed(header)}); name one with --map SYSTEM:name=COLUMN", header)
    if preset is not None and "name" not in mapped:
        kind = preset.kind
    else:
        kind = _generic_kind(found, present)
    client = header_key(found.get("name", ""))
    people = [positions[h] for h in dict.fromkeys([*(preset.person if preset else ()), *know.person])
              if h in positions and h != client and h not in ("project", "project name", "task name")]
    return found, kind, people


def _generic_kind(found: dict[str, str], present: set[str]) -> str:
    """"contacts" when the client column sits beside a column naming a person or project."""
    client = header_key(found.get("name", ""))
    if not client or client in facts().person:
        return "clients"
    return "contacts" if any(h in present and h != client for h in facts().person) else "clients"


def _listed(header: list[str]) -> str:
    shown = [column.strip() or "(unnamed)" for column in header[:SHOWN_COLUMNS]]
    more = len(header) - SHOWN_COLUMNS
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _clients(records: list[tuple[int, list[str]]], at: dict[str, int], index: int, kind: str,
             people: list[int]) -> list[Client]:
    def cell(row: list[str], field: str) -> str:
        place = at.get(field)
        return row[place].strip() if place is not None else ""

    clients: list[Client] = []
    grouped: dict[str, list[tuple[int, list[str]]]] = {}
    for number, row in records:
        # A row with no company is a person's: "Anna Berg" is the client.
        title = cell(row, "name") or " ".join(row[n].strip() for n in people if row[n].strip())
        key = name_key(title) if title else ""
        if kind == "contacts" and key:
            grouped.setdefault(key, []).append((number, row))
        else:
            clients.append(_client(index, [(number, row)], title, key, cell))
    for key, group in grouped.items():
        clients.append(_client(index, group, cell(group[0][1], "name") or key, key, cell))
    clients.sort(key=lambda client: client.row)
    return clients


def _client(index: int, group: list[tuple[int, list[str]]], title: str, key: str, cell) -> Client:
    emails = tuple(dict.fromkeys(e for _, row in group if (e := email_of(cell(row, "email")))))
    domains = [d for _, row in group if (d := domain_of(cell(row, "domain")))]
    domains += [d for e in emails if (d := domain_from_email(e))]
    first = group[0][1]
    return Client(index, group[0][0], tuple(n for n, _ in group), title, key, emails,
                  tuple(dict.fromkeys(domains)), cell(first, "id"))


def _drop_shared(clients: list[Client], name: str) -> tuple[list[Client], list[str]]:
    """An email or domain that many clients of one export share (a hosting
    provider's, a bookkeeper's address) says nothing about which client a row
    is: it is not used for matching, and a notice says so."""
    limit = max(10, len(clients) // 50)
    emails = Counter(e for c in clients for e in c.emails)
    domains = Counter(d for c in clients for d in c.domains)
    shared_emails = {e for e, n in emails.items() if n > limit}
    shared_domains = {d for d, n in domains.items() if n > limit}
    if not shared_emails and not shared_domains:
        return clients, []
    kept = [Client(c.export, c.row, c.rows, c.name, c.key, tuple(e for e in c.emails if e not in shared_emails),
                   tuple(d for d in c.domains if d not in shared_domains), c.id) for c in clients]
    count = len(shared_emails) + len(shared_domains)
    return kept, [f"{name}: {count} {'address or domain' if count == 1 else 'addresses or domains'} shared by "
                  f"more than {limit} clients left out of matching"]



# ------------------------------------------------------------------ rows shown


def row_cells(path: Path, rows: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Rows of an export as (column, cell) pairs, by row number (counted as
    `read_export` counts them), for a person to look at whole.  A Trello
    card gives its plain values (name, id, description...)."""
    name = str(path)
    text, _, _ = decode(read_bytes(path), name)
    wanted = set(rows)
    start = text.lstrip()[:1]
    if start in ("{", "[") and (path.suffix.casefold() == ".json" or start == "{"):
        try:
            cards = json.loads(text).get("cards")
        except (json.JSONDecodeError, RecursionError, AttributeError):
            raise EvidenceError(f"{name}: no longer a Trello board export") from None
        return {number: [(key, str(value)) for key, value in card.items()
                         if isinstance(value, (str, int, float, bool))]
                for number, card in enumerate(cards or (), 1) if number in wanted and isinstance(card, dict)}
    header, records = _records(text, name)
    return {number: [(column.strip() or f"column {place + 1}", cell) for place, (column, cell)
                     in enumerate(zip(header, row))] for number, row in records if number in wanted}
