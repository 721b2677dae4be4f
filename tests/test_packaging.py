"""Packaging: icons, the Linux desktop entry and metainfo, --version, --self-test, the bundle.

The bundle test builds the PyInstaller bundle (about a minute) and runs it; it is marked
`bundle` and runs only with FLASHCARDS_TEST_BUNDLE=1:

    FLASHCARDS_TEST_BUNDLE=1 python3 -m pytest tests/test_packaging.py -m bundle -q
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from flashcards import __version__, paths

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / "flashcards.desktop"
METAINFO_FILES = sorted(LINUX.glob("*.metainfo.xml"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BUNDLE_LIMIT_BYTES = 200 * 1024 * 1024


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _render_icons_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging" / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- icons


def test_icon_source_is_an_svg_with_a_square_view_box() -> None:
    root = ElementTree.parse(paths.icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(part) for part in root.attrib["viewBox"].split())
    assert width == height


@pytest.mark.parametrize("size", paths.ICON_SIZES)
def test_icon_png_exists_and_is_square_of_its_size(size: int) -> None:
    path = paths.icon_path(size)
    assert path.is_file(), f"{path} missing: run python3 packaging/render_icons.py"
    assert _png_size(path) == (size, size)


def test_every_icon_size_from_16_to_512_is_provided() -> None:
    assert set(paths.ICON_SIZES) == {16, 24, 32, 48, 64, 128, 256, 512}
    assert _render_icons_module().ICON_SIZES == paths.ICON_SIZES


def test_icon_path_refuses_a_size_that_is_not_rendered() -> None:
    with pytest.raises(ValueError, match="20"):
        paths.icon_path(20)


def test_png_icons_are_renders_of_the_current_svg(tmp_path: Path, qapp: object) -> None:
    """Editing the SVG without re-running render_icons.py leaves stale PNGs: caught here."""
    from PySide6.QtGui import QImage

    render_icons = _render_icons_module()
    fresh = render_icons.render(target_dir=tmp_path)
    assert [path.name for path in fresh] == [paths.icon_path(size).name
                                             for size in paths.ICON_SIZES]
    for path in fresh:
        # Premultiplied: fully transparent pixels compare equal whatever colour they carry.
        pixels = QImage.Format.Format_RGBA8888_Premultiplied
        committed = QImage(str(paths.icons_dir() / path.name)).convertToFormat(pixels)
        rendered = QImage(str(path)).convertToFormat(pixels)
        assert committed.size() == rendered.size()
        # Copy the bytes while the images are alive (constBits is a view into them).
        committed_bytes = bytes(committed.constBits())
        rendered_bytes = bytes(rendered.constBits())
        # Antialiasing may differ by a step between Qt versions; shapes may not.
        worst = max(abs(a - b) for a, b in zip(committed_bytes, rendered_bytes, strict=True))
        assert worst <= 16, f"{path.name} differs from a fresh render of the SVG"


def test_windows_icon_holds_the_png_sizes_up_to_256() -> None:
    data = (paths.icons_dir() / "flashcards.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sides = []
    for index in range(count):
        width, height, _colors, _zero, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        assert width == height
        assert data[offset:offset + 8] == PNG_SIGNATURE
        assert offset + length <= len(data)
        sides.append(width or 256)
    assert sides == [16, 24, 32, 48, 64, 128, 256]


def _fresh_application_facts() -> dict[str, str]:
    """What ensure_application() sets up, in a new process (this one may already have
    a QApplication that pytest-qt created)."""
    probe = (
        "from flashcards.gui.application import ensure_application\n"
        "app = ensure_application()\n"
        "icon = app.windowIcon()\n"
        "print('icon_null', icon.isNull())\n"
        "print('icon_64', icon.pixmap(64, 64).width())\n"
        "print('desktop_file', app.desktopFileName())\n"
    )
    result = _run([sys.executable, "-c", probe], cwd=ROOT,
                  env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)


def test_the_app_window_gets_the_icon() -> None:
    facts = _fresh_application_facts()
    assert facts["icon_null"] == "False"
    assert facts["icon_64"] == "64"


# --------------------------------------------------------------------------- Linux desktop


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (desktop-file-utils)")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = _run(["desktop-file-validate", str(DESKTOP_FILE)])
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (appstream)")
def test_metainfo_passes_appstreamcli_validate() -> None:
    assert len(METAINFO_FILES) == 1
    result = _run(["appstreamcli", "validate", "--no-net", str(METAINFO_FILES[0])])
    assert result.returncode == 0, result.stdout + result.stderr
    # Infos (tags newer than the installed appstream knows) are fine; warnings are not.
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_desktop_entry_metainfo_and_app_name_the_same_program() -> None:
    entry = _desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "flashcards"
    assert entry["Icon"] == paths.icon_path().stem
    assert entry["Terminal"] == "false"
    assert "Education" in entry["Categories"].split(";")

    component = ElementTree.parse(METAINFO_FILES[0]).getroot()
    assert METAINFO_FILES[0].name == component.findtext("id") + ".metainfo.xml"
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == "flashcards"
    releases = [release.get("version") for release in component.iter("release")]
    assert releases[0] == __version__, "metainfo's newest release is not this version"

    # Wayland matches a window to its menu entry by this name; X11 by StartupWMClass.
    assert _fresh_application_facts()["desktop_file"] == DESKTOP_FILE.stem
    assert entry["StartupWMClass"] == DESKTOP_FILE.stem


def _make_fake_bundle(folder: Path) -> Path:
    """A folder shaped like dist/flashcards whose program only answers --version."""
    bundle = folder / "flashcards"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copytree(ROOT / "resources", bundle / "_internal" / "resources")
    program = bundle / "flashcards"
    program.write_text(f"#!/bin/sh\necho 'flashcards, version {__version__}'\n")
    program.chmod(0o755)
    return bundle


@pytest.mark.skipif(sys.platform != "linux", reason="the install script is for Linux")
def test_install_script_installs_a_bundle_and_uninstall_removes_only_its_files(
        tmp_path: Path) -> None:
    bundle = _make_fake_bundle(tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    keep = prefix / "share" / "applications" / "another-app.desktop"
    keep.parent.mkdir(parents=True)
    keep.write_text("[Desktop Entry]\n")
    script = LINUX / "install.sh"

    result = _run(["bash", str(script), "--prefix", str(prefix), "--bundle", str(bundle)])
    assert result.returncode == 0, result.stdout + result.stderr

    launcher = prefix / "bin" / "flashcards"
    assert launcher.is_symlink()
    assert _run([str(launcher), "--version"]).stdout.strip().endswith(__version__)
    installed = prefix / "share" / "applications" / "flashcards.desktop"
    entry = _desktop_entry(installed)
    assert entry["Exec"] == str(launcher) and entry["TryExec"] == str(launcher)
    if shutil.which("desktop-file-validate"):
        assert _run(["desktop-file-validate", str(installed)]).returncode == 0
    icons = prefix / "share" / "icons" / "hicolor"
    for size in paths.ICON_SIZES:
        assert _png_size(icons / f"{size}x{size}" / "apps" / "flashcards.png") == (size, size)
    assert (icons / "scalable" / "apps" / "flashcards.svg").is_file()
    assert (prefix / "share" / "metainfo" / METAINFO_FILES[0].name).is_file()

    result = _run(["bash", str(script), "--prefix", str(prefix), "--uninstall"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert not launcher.exists() and not launcher.is_symlink()
    assert not installed.exists()
    assert not (prefix / "lib" / "flashcards").exists()
    assert not list(icons.rglob("flashcards.*"))
    assert keep.is_file()
    assert bundle.is_dir(), "uninstall removed the folder it was installed from"


@pytest.mark.skipif(sys.platform != "linux", reason="the install script is for Linux")
def test_install_script_does_not_replace_a_launcher_it_did_not_make(tmp_path: Path) -> None:
    bundle = _make_fake_bundle(tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    pip_script = prefix / "bin" / "flashcards"
    pip_script.parent.mkdir(parents=True)
    pip_script.write_text("#!/bin/sh\necho pip\n")

    result = _run(["bash", str(LINUX / "install.sh"), "--prefix", str(prefix),
                   "--bundle", str(bundle)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert pip_script.read_text() == "#!/bin/sh\necho pip\n"
    entry = _desktop_entry(prefix / "share" / "applications" / "flashcards.desktop")
    assert entry["Exec"] == str(prefix / "lib" / "flashcards" / "flashcards")


# --------------------------------------------------------------------------- command line


def test_version_prints_the_package_version_which_matches_pyproject() -> None:
    result = _run([sys.executable, "-m", "flashcards", "--version"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"flashcards, version {__version__}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == __version__


def test_self_test_passes_from_the_source_install_without_touching_user_data() -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    before = {path for home in (data_home, config_home) if home.exists()
              for path in home.rglob("*")}

    result = _run([sys.executable, "-m", "flashcards", "--self-test"], cwd=ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "one answer recorded" in result.stdout
    after = {path for home in (data_home, config_home) if home.exists()
             for path in home.rglob("*")}
    assert after == before, f"the self-test wrote to the learner's folders: {after - before}"


def test_self_test_fails_with_the_reason_when_the_decks_are_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards import selftest

    empty = tmp_path / "decks"
    empty.mkdir()
    monkeypatch.setattr(paths, "bundled_decks_dir", lambda: empty)
    said: list[str] = []

    assert selftest.run_self_test(say=said.append) != 0
    assert said == [f"flashcards {__version__} self-test FAILED: "
                    f"no .md notes in the bundled decks folder {empty}"]


def test_self_test_fails_when_a_bundled_deck_cannot_be_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards import selftest

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "broken.md").write_bytes(b"# Docker\n\nImage - \xff\xfe not UTF-8\n")
    monkeypatch.setattr(paths, "bundled_decks_dir", lambda: decks)
    said: list[str] = []

    assert selftest.run_self_test(say=said.append) != 0
    assert "FAILED" in said[-1] and "broken.md" in said[-1]


@pytest.mark.skipif(sys.platform != "linux", reason="X11 platform plugin")
def test_self_test_says_why_when_qt_cannot_start() -> None:
    env = {name: value for name, value in os.environ.items()
           if name not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"  # a real screen asked for, and none there

    result = _run([sys.executable, "-m", "flashcards", "--self-test"], cwd=ROOT, env=env)

    assert result.returncode != 0
    assert "self-test passed" not in result.stdout
    assert "could not connect to display" in result.stdout


# --------------------------------------------------------------------------- the bundle


def _directory_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


@pytest.mark.bundle
@pytest.mark.skipif(os.environ.get("FLASHCARDS_TEST_BUNDLE") != "1",
                    reason="slow: builds the PyInstaller bundle; set FLASHCARDS_TEST_BUNDLE=1")
def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    env = dict(os.environ, FLASHCARDS_DIST=str(dist), FLASHCARDS_BUILD=str(tmp_path / "build"),
               PYTHON=sys.executable)
    result = _run(["bash", str(ROOT / "packaging" / "build.sh")], env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "self-test passed" in result.stdout

    bundle = dist / "flashcards"
    program = bundle / ("flashcards.exe" if sys.platform == "win32" else "flashcards")
    internal = bundle / "_internal"
    assert (internal / "decks").is_dir() and list((internal / "decks").rglob("*.md"))
    for size in paths.ICON_SIZES:
        assert (internal / "resources" / "icons" / f"flashcards-{size}.png").is_file()
    assert (internal / "resources" / "styles" / "card.css").is_file()
    # Test-only packages must not ride along.
    for unwanted in ("anki", "pytest", "hypothesis", "PySide6/Qt/lib/libQt6Qml.so.6"):
        assert not (internal / unwanted).exists(), f"{unwanted} is in the bundle"
    assert _directory_size(bundle) < BUNDLE_LIMIT_BYTES

    # Run from elsewhere, so nothing can come from the source tree.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    version = _run([str(program), "--version"], cwd=outside)
    assert version.stdout.strip() == f"flashcards, version {__version__}"
    self_test = _run([str(program), "--self-test"], cwd=outside,
                     env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert "main window shown (offscreen platform)" in self_test.stdout
    # Helper processes of a big import are the bundle's own executable.
    assert "chunks parsed by helper processes" in self_test.stdout
