"""Reading the tools' exports: each preset's documented headers, generic headers,
encodings and dialects, Trello JSON, and every kind of bad input through the
command (one line, exit 2, nothing written).

A real `truthmap evidence` process holds the command's contract once each: a
bad export and a bad argument end as one line on stderr with exit 2 (the first
case of each list), and hostile names reach a real pipe as stand-ins with exit
0.  The other cases of those lists vary only the input or the arguments of the
same command and run through `truthmap.cli.main(argv)` in the test's own
process (the `cli` fixture of conftest.py), which is the same parser, reading and error path."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from evidence_profiles import profile_text
from installed import truthmap_command

from truthmap.evidence.reading import EvidenceError, read_export

PROFILE = profile_text('{ system = "trello", sync = "manual" }')


def write(folder: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([truthmap_command(), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "NO_COLOR": "1"}, timeout=60, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# ------------------------------------------------------------- presets


# Each tool's headers as its documentation states them (knowledge/evidence.toml cites the pages).
PRESET_FILES = [
    ("hubspot", "companies.csv", "Name,Company domain name,Phone Number,Industry\nNord Design GmbH,nord.de,1,Design\n",
     {"name": "Name", "domain": "Company domain name"}, "clients"),
    ("hubspot", "contacts.csv", "First name,Last name,Email,Company name\nAnna,Berg,anna@nord.de,Nord Design\n"
     "Ben,Kerr,ben@nord.de,Nord Design\n", {"name": "Company name", "email": "Email"}, "contacts"),
    ("xero", "contacts.csv", "ContactName,EmailAddress,FirstName,Website\nNord Design,info@nord.de,Anna,"
     "http://nord.de\n", {"name": "ContactName", "domain": "Website"}, "clients"),
    ("harvest", "clients.csv", "Client Name,Address\nNord Design,Hafenstr. 1\n", {"name": "Client Name"}, "clients"),
    ("harvest", "contacts.csv", "Client,First Name,Last Name,Title,Email,Office Phone,Mobile Phone,Fax\n"
     "Nord Design,Anna,Berg,CEO,anna@nord.de,,,\n", {"name": "Client", "email": "Email"}, "contacts"),
    ("freshbooks", "clients.csv", "First Name,Last Name,Company Name,Email Address,Phone Number,Address Line 1\n"
     "Anna,Berg,Nord Design,anna@nord.de,,\n", {"name": "Company Name", "email": "Email Address"}, "clients"),
]


@pytest.mark.parametrize(("tool", "name", "text", "columns", "kind"), PRESET_FILES,
                         ids=[f"{t}-{n}" for t, n, *_ in PRESET_FILES])
def test_each_preset_reads_its_tools_documented_headers(tmp_path, tool, name, text, columns, kind):
    export = read_export(0, tool, write(tmp_path, name, text), tool=tool)
    assert export.columns == columns
    assert export.kind == kind
    (client,) = export.clients  # a contacts export: one client however many of its people are listed
    assert client.key == "nord design"


def test_a_person_without_a_company_is_the_client(tmp_path):
    text = "First Name,Last Name,Company Name,Email Address\nAnna,Berg,,anna.berg@gmail.com\nBen,Kerr,Kerr Media,b@k.io\n"
    export = read_export(0, "freshbooks", write(tmp_path, "f.csv", text), tool="freshbooks")
    assert [c.name for c in export.clients] == ["Anna Berg", "Kerr Media"]
    assert export.clients[0].domains == ()  # gmail.com says nothing about a company


def test_xero_email_column_comes_from_map(tmp_path):
    path = write(tmp_path, "xero.csv", "ContactName,EmailAddress\nNord Design,info@nord.de\n")
    export = read_export(0, "xero", path, tool="xero", columns={"email": "EmailAddress"})
    assert export.columns == {"name": "ContactName", "email": "EmailAddress"}
    assert export.clients[0].emails == ("info@nord.de",)
    assert export.clients[0].domains == ("nord.de",)


@pytest.mark.parametrize("header", ["name", "Company", "CLIENT", " client ", "Name"])
def test_generic_name_headers_any_case(tmp_path, header):
    export = read_export(0, "sheet", write(tmp_path, "s.csv", f"{header},E-Mail,Website\nAcme,a@acme.io,acme.io\n"))
    assert export.columns["name"] == header.strip()
    assert export.columns["email"] == "E-Mail"
    assert export.columns["domain"] == "Website"


def test_map_overrides_a_preset(tmp_path):
    path = write(tmp_path, "c.csv", "Name,Legal name,Company domain name\nNord,Nord Design GmbH,nord.de\n")
    export = read_export(0, "hubspot", path, tool="hubspot", columns={"name": "legal NAME"})
    assert export.columns["name"] == "Legal name"
    assert export.clients[0].name == "Nord Design GmbH"


def test_a_project_list_gives_clients_through_its_client_column(tmp_path):
    text = "Project,Client,Due\nWebsite,Acme,2026-01-01\nLogo,Acme,2026-02-01\nApp,Blue River,2026-03-01\n"
    export = read_export(0, "sheet", write(tmp_path, "projects.csv", text))
    assert export.kind == "contacts"
    assert [(c.name, c.rows) for c in export.clients] == [("Acme", (1, 2)), ("Blue River", (3,))]


# ------------------------------------------------------------- encodings and dialects


def test_bom_semicolons_and_crlf(tmp_path):
    data = codecs.BOM_UTF8 + "Name;Email\r\nGrün & Partner;office@gruen.at\r\n".encode()
    export = read_export(0, "sheet", write(tmp_path, "s.csv", data))
    assert export.encoding == "UTF-8 with BOM"
    assert export.columns == {"name": "Name", "email": "Email"}
    assert export.clients[0].name == "Grün & Partner"
    assert not export.notices


def test_excel_cp1252_is_read_with_a_notice(tmp_path):
    export = read_export(0, "sheet", write(tmp_path, "s.csv", "Name;Email\nGrün Büro;a@gruen.at\n", "cp1252"))
    assert export.encoding == "Windows-1252"
    assert export.clients[0].name == "Grün Büro"
    assert any("Windows-1252" in notice for notice in export.notices)


def test_quoted_fields_with_delimiters_inside(tmp_path):
    text = 'Name,Email\n"Nord, Design & Co",info@nord.de\n"Say ""hi"" Ltd",hi@say.io\n'
    export = read_export(0, "sheet", write(tmp_path, "s.csv", text))
    assert [c.name for c in export.clients] == ["Nord, Design & Co", 'Say "hi" Ltd']


def test_formula_cells_stay_literal_text(tmp_path):
    text = 'Name,Email\n"=HYPERLINK(""http://x"",""y"")",a@b.io\n+1-555,c@d.io\n@SUM(A1),e@f.io\n-2+3,g@h.io\n'
    export = read_export(0, "sheet", write(tmp_path, "s.csv", text))
    assert [c.name for c in export.clients] == ['=HYPERLINK("http://x","y")', "+1-555", "@SUM(A1)", "-2+3"]


def test_trello_board_json(tmp_path):
    board = {"id": "b", "name": "Clients", "lists": [{"id": "l", "name": "Active"}], "cards": [
        {"id": "c1", "name": "Nord Design", "closed": False, "idList": "l"},
        {"id": "c2", "name": "Gone Ltd", "closed": True, "idList": "l"},
        {"id": "c3", "name": "Acme", "closed": False, "idList": "l"}]}
    export = read_export(0, "trello", write(tmp_path, "board.json", json.dumps(board)))
    assert export.kind == "trello"
    assert [(c.row, c.name, c.id) for c in export.clients] == [(1, "Nord Design", "c1"), (3, "Acme", "c3")]
    assert export.rows == 2
    assert any("archived" in notice for notice in export.notices)


# ------------------------------------------------------------- bad input


BAD_INPUT = [
    ("not-csv.csv", b"Dear Anna,\nthanks for the call.\nBest\n", "line 2"),
    ("prose.csv", b"just some words\n", "no column holds"),
    ("binary.csv", b"Name,Email\n\x00\x01\x02\xff\xfe", "binary"),
    ("workbook.csv", b"PK\x03\x04\x14\x00rest-of-a-zip", "Excel .xlsx"),
    ("ragged.csv", b"Name,Email\nAcme,a@acme.io\nBlue,b@blue.io,extra\n", "line 3: 3 fields where the header has 2"),
    ("dupes.csv", b"Name,Email,name\nAcme,a@acme.io,x\n", "appears twice"),
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n  \n", "empty"),
    ("broken.json", b'{"cards": [', "not valid JSON"),
    ("other.json", b'{"name": "not a board"}', "not a Trello board"),
    ("quote.csv", b'Name,Email\n"Acme,a@acme.io\n', "line"),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, name, data, expected, cli):
    profile = write(tmp_path, "p.toml", PROFILE)
    good = write(tmp_path, "hub.csv", "Name,Email\nAcme,a@acme.io\n")
    bad = write(tmp_path, name, data)
    out = tmp_path / "report.json"
    command = run if name == BAD_INPUT[0][0] else cli  # the first in a real process
    result = command("evidence", profile, "--export", f"hubspot={good}", "--export", f"sheet={bad}", "-o", out)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0] and expected in lines[0], lines[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"p.toml", "hub.csv", name})


def test_a_file_over_the_cap_is_refused_before_reading(tmp_path, cli):
    profile = write(tmp_path, "p.toml", PROFILE)
    big = tmp_path / "huge.csv"
    with open(big, "wb") as handle:
        handle.write(b"Name,Email\n")
        handle.truncate(200 * 1024 * 1024)  # a sparse 200 MB file: no disk needed
    result = cli("evidence", profile, "--export", f"hubspot={big}")
    assert result.returncode == 2
    assert "200 MiB is more than the 64 MiB" in result.stderr and len(result.stderr.splitlines()) == 1


BAD_ARGUMENTS = [
    (["--export", "nosuch=x.csv"], "has no system 'nosuch'"),
    (["--export", "hubspot"], "expected SYSTEM=FILE"),
    (["--export", "hubspot=missing.csv"], "no such file"),
    (["--export", "hubspot=hub.csv", "--map", "hubspot:phone=Phone"], "FIELD is one of"),
    (["--export", "hubspot=hub.csv", "--map", "trello:name=Card"], "no --export names the system"),
    (["--export", "hubspot=hub.csv", "--map", "hubspot:name=Nope"], "no such column"),
    (["--export", "hubspot=hub.csv", "--same", "70"], "above --same"),
    (["--export", "hubspot=hub.csv", "--entity", "Not An Id"], "entity id"),
    (["--export", "hubspot=hub.csv", "-o", "hub.csv"], "is the profile being read"),
]


@pytest.mark.parametrize(("args", "expected"), BAD_ARGUMENTS)
def test_bad_arguments(tmp_path, args, expected, cli):
    write(tmp_path, "p.toml", PROFILE)
    write(tmp_path, "hub.csv", "Name,Email\nAcme,a@acme.io\n")
    before = (tmp_path / "hub.csv").read_bytes()
    command = run if args == BAD_ARGUMENTS[0][0] else cli  # the first in a real process
    result = command("evidence", "p.toml", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert (tmp_path / "hub.csv").read_bytes() == before


def test_hostile_text_is_shown_as_stand_ins(tmp_path, cli):
    profile = write(tmp_path, "p.toml", PROFILE)
    hub = write(tmp_path, "hub.csv", "Name,Email\nSomething else,a@else.io\n")
    trello = write(tmp_path, "trello.csv", "Name\n\"Evil\x1b[2J\u202eCorp\"\n")  # drift: shown as an example
    result = run("evidence", profile, "--export", f"hubspot={hub}", "--export", f"trello={trello}")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Evil\u241b[2J<U+202E>Corp" in result.stdout
    data = cli("evidence", profile, "--export", f"hubspot={hub}", "--export", f"trello={trello}",
               "--format", "json").stdout
    assert "\x1b" not in data and "\u202e" not in data
    examples = [e["name"] for f in json.loads(data)["findings"] for e in f["examples"]]
    assert "Evil\x1b[2J\u202eCorp" in examples  # the JSON still holds the name exactly


def test_read_export_raises_one_line(tmp_path):
    with pytest.raises(EvidenceError) as caught:
        read_export(0, "sheet", write(tmp_path, "x.csv", "Phone,Fax\n1,2\n"))
    assert "\n" not in str(caught.value) and "Phone, Fax" in str(caught.value)


def test_evidence_imports_no_textual():
    code = ("import sys\nimport truthmap.cli\nimport truthmap.evidence.command, truthmap.evidence.report, "
            "truthmap.evidence.entry\nbad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
