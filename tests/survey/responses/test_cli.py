"""``flask responses import|export`` as a user runs them."""

from __future__ import annotations

import uuid

from survey.responses.models import Response

from .csvfiles import count, row, write


def test_import_command_reports_counts(runner, engine, make_site, tmp_path):
    make_site("WI", "Wiesbaden")
    path = write(tmp_path / "in.csv", [row(response_id=str(uuid.UUID(int=1))), row()])
    result = runner.invoke(args=["responses", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 responses; skipped 0 already stored." in result.output
    again = runner.invoke(args=["responses", "import", str(path)])
    assert "Imported 1 responses; skipped 1 already stored." in again.output


def test_import_command_is_atomic_and_names_bad_rows(runner, engine, make_site, tmp_path):
    make_site("WI", "Wiesbaden")
    path = write(tmp_path / "in.csv", [row(), row(overall="9"), row(site="XX")])
    result = runner.invoke(args=["responses", "import", str(path)])
    assert result.exit_code == 1
    assert "line 3: overall: '9' is out of range (1–5)" in result.output
    assert "line 4: unknown site 'XX'" in result.output
    assert "2 of 3 rows are bad; nothing was imported" in result.output
    with engine.connect() as conn:
        assert count(conn, Response) == 0
    skipped = runner.invoke(args=["responses", "import", "--skip-invalid", str(path)])
    assert skipped.exit_code == 0, skipped.output
    assert "Imported 1 responses; skipped 0 already stored and 2 bad rows." in skipped.output
    assert "line 4: unknown site 'XX'" in skipped.output


def test_import_command_refuses_a_bad_file(runner, engine, make_site, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id;site;date\n", encoding="utf-8")
    result = runner.invoke(args=["responses", "import", str(path)])
    assert result.exit_code == 1
    assert "line 1: wrong header" in result.output and "Nothing was imported." in result.output
    missing = runner.invoke(args=["responses", "import", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_export_command_refuses_bad_options(runner, engine, make_site, tmp_path):
    make_site("WI", "Wiesbaden")
    out = tmp_path / "out.csv"
    unknown = runner.invoke(
        args=[
            "responses",
            "export",
            "--format",
            "csv",
            "--out",
            str(out),
            "--site",
            "XX",
            "--detail",
            "month",
        ]
    )
    assert unknown.exit_code == 1 and "unknown site XX" in unknown.output
    backwards = runner.invoke(
        args=["responses", "export", "--format", "csv", "--out", str(out),
              "--from", "2016-05-01", "--to", "2016-04-01", "--purpose", "check"]
    )  # fmt: skip
    assert backwards.exit_code == 1 and "is after" in backwards.output
    bad_date = runner.invoke(
        args=["responses", "export", "--format", "csv", "--out", str(out), "--from", "1.5.2016"]
    )
    assert bad_date.exit_code == 2
    bad_format = runner.invoke(args=["responses", "export", "--format", "pdf", "--out", str(out)])
    assert bad_format.exit_code == 2
    no_folder = runner.invoke(
        args=[
            "responses",
            "export",
            "--format",
            "csv",
            "--out",
            str(tmp_path / "no" / "x.csv"),
            "--purpose",
            "check",
        ]
    )
    assert no_folder.exit_code == 1 and "does not exist" in no_folder.output
    assert not out.exists() and not (tmp_path / "out.codebook.csv").exists()
