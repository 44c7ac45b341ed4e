"""Lute (lute3, the open peer: a Flask app) in a throwaway virtual environment, driven over
loopback HTTP as its own pages drive it.

Used by `compare_lute.py` and by `tests/data/real/make_lute_export.py`. Lute is installed
(pinned) into a folder outside the repository, started on 127.0.0.1 with a scratch data
folder, and stopped again; nothing of it is imported into this process.

The routes and form fields below are Lute's own (lute/book/routes.py, lute/read/routes.py,
lute/termimport/routes.py, lute/term/routes.py of lute3 3.10.3). Lute disables CSRF checks
(`WTF_CSRF_ENABLED: False` in its app factory: a local app), so forms post as a browser would
without a token.

    .venv/bin/python bench/lutekit.py     # install if needed, start, print the version, stop
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LUTE_VERSION = "3.10.3"


def venv_dir() -> Path:
    """Where the throwaway environment lives: $LUTE_VENV, else the user cache folder (kept
    between runs so the second run does not install again; deleting it is always safe)."""
    env = os.environ.get("LUTE_VENV")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "reader-bench" / f"lute3-{LUTE_VERSION}"


def ensure_lute() -> Path:
    """The Python of a virtual environment holding lute3 at LUTE_VERSION (installed once)."""
    folder = venv_dir()
    python = folder / "bin" / "python"
    stamp = folder / ".installed"
    if stamp.exists() and stamp.read_text() == LUTE_VERSION and python.exists():
        return python
    print(f"installing lute3=={LUTE_VERSION} into {folder} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"lute3=={LUTE_VERSION}"], check=True
    )
    stamp.write_text(LUTE_VERSION)
    return python


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lute:
    """A running Lute: its base URL, its process and its scratch data folder."""

    def __init__(self, url: str, process: subprocess.Popen[bytes], data: Path) -> None:
        self.url, self.process, self.data = url, process, data
        # Lute's messages ("Imported 10 terms") travel in the session cookie across a redirect.
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(jar)

    # --- HTTP -------------------------------------------------------------------------------

    def get(self, path: str) -> tuple[str, str]:
        """(final URL after redirects, body) of a GET."""
        with self.opener.open(self.url + path, timeout=600) as response:
            return response.geturl(), response.read().decode("utf-8")

    def post(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> tuple[str, str]:
        """(final URL after redirects, body) of a form POST, multipart when it has files."""
        if files:
            body, ctype = _multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            ctype = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.url + path, data=body, headers={"Content-Type": ctype}, method="POST"
        )
        with self.opener.open(request, timeout=600) as response:
            return response.geturl(), response.read().decode("utf-8")

    # --- what a learner does ----------------------------------------------------------------

    def language_id(self, name: str) -> int:
        """The id of one of Lute's languages (its demo data loads English, Spanish ...)."""
        _url, page = self.get("/book/new")
        found = re.search(rf'<option (?:selected )?value="(\d+)">{re.escape(name)}</option>', page)
        if not found:
            raise RuntimeError(f"Lute has no language {name!r}")
        return int(found.group(1))

    def create_book(self, language_id: int, title: str, text: str) -> int:
        """Create a book from a text file upload (Lute's form asks for a file beyond a few
        thousand words); returns the book id from the redirect to its first page."""
        url, page = self.post(
            "/book/new",
            {
                "language_id": str(language_id),
                "title": title,
                "text": "",
                "split_by": "paragraphs",
                "threshold_page_tokens": "250",
                "source_uri": "",
                "book_tags": "",
            },
            files={"textfile": ("book.txt", text.encode("utf-8"))},
        )
        found = re.search(r"/read/(\d+)/page/1", url)
        if not found:
            flash = re.findall(r'class="flash[^"]*"[^>]*>(.*?)<', page, re.DOTALL)
            raise RuntimeError(f"Lute did not create the book: {flash or url}")
        return int(found.group(1))

    def open_first_page(self, book_id: int) -> int:
        """The read page and the request its script makes to render the text; the bytes of
        the rendered text."""
        self.get(f"/read/{book_id}/page/1")
        _url, content = self.get(f"/read/start_reading/{book_id}/1")
        return len(content)

    def render_page(self, book_id: int) -> str:
        """The rendered text of page 1 again (what the reading pane fetches on refresh)."""
        return self.get(f"/read/refresh_page/{book_id}/1")[1]

    def import_terms(self, csv_text: str) -> str:
        """Lute's bulk term import (create new terms); returns its flash message."""
        _url, page = self.post(
            "/termimport/index",
            {"create_terms": "y"},
            files={"text_file": ("terms.csv", csv_text.encode("utf-8"))},
        )
        found = re.search(r"(Imported \d+ terms[^<]*|Error on import:[^<]*)", page)
        return found.group(1).strip() if found else "no message"

    def export_terms(self) -> bytes:
        """Lute's term export (the CSV the term listing's export button downloads): every
        term, posted as the listing's DataTables script posts it."""
        names = ["WoText", "ParentText", "WoTranslation", "TagList", "StID", "LgName"]
        fields = {
            "draw": "1",
            "start": "0",
            "length": "-1",
            "search[value]": "",
            "search[regex]": "false",
            "order[0][column]": "0",
            "order[0][dir]": "asc",
            "filtLanguage": "null",
            "filtParentsOnly": "false",
            "filtAgeMin": "",
            "filtAgeMax": "",
            "filtStatusMin": "0",
            "filtStatusMax": "99",
            "filtIncludeIgnored": "true",
            "filtTermIDs": "",
        }
        for i, name in enumerate(names):
            fields[f"columns[{i}][data]"] = name
            fields[f"columns[{i}][name]"] = name
            fields[f"columns[{i}][searchable]"] = "true"
            fields[f"columns[{i}][orderable]"] = "true"
            fields[f"columns[{i}][search][value]"] = ""
            fields[f"columns[{i}][search][regex]"] = "false"
        request = urllib.request.Request(
            self.url + "/term/export_terms",
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
        )
        with self.opener.open(request, timeout=600) as response:
            return bytes(response.read())

    def peak_rss_mb(self) -> float:
        """The server process's peak resident memory so far (VmHWM)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(found.group(1)) / 1024 if found else float("nan")


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@contextmanager
def running_lute() -> Iterator[Lute]:
    """Lute on a free loopback port with a scratch data folder, stopped afterwards."""
    python = ensure_lute()
    with tempfile.TemporaryDirectory(prefix="lute-data-") as tmp:
        data = Path(tmp)
        config = data / "config.yml"
        config.write_text(f"ENV: prod\nDBNAME: lute.db\nDATAPATH: {data}\n", encoding="utf-8")
        port = _free_port()
        log = (data / "lute.log").open("wb")
        process = subprocess.Popen(
            [str(python), "-m", "lute.main", "--local", "--port", str(port)]
            + ["--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=tmp,
        )
        lute = Lute(f"http://127.0.0.1:{port}", process, data)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    lute.get("/")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.close()
                        raise RuntimeError(
                            "Lute did not start:\n" + (data / "lute.log").read_text()
                        ) from None
                    time.sleep(0.2)
            yield lute
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def main() -> int:
    with running_lute() as lute:
        print(f"lute3 {LUTE_VERSION} running at {lute.url}, data in {lute.data}")
        print("English is language", lute.language_id("English"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
