"""Images of cards from two imported folders: each card reads images from its own folder,
never from outside it, when the window exports with the current notes folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

from anki_client import AnkiClient

from flashcards.app import Collection
from flashcards.export import export_collection

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
    "d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


def test_cards_of_an_earlier_folder_bring_their_images(tmp_path: Path):
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "logo.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG + b"secret")
    (earlier / "logos.md").write_text(
        "# Логотипы\n\nЛоготип::![](logo.png)\nСекрет::![](../secret.png)\n",
        encoding="utf-8")
    current = tmp_path / "current"
    current.mkdir()
    (current / "chart.png").write_bytes(PNG + b"chart")
    (current / "charts.md").write_text("# Графики\n\nГрафик::![](chart.png)\n",
                                       encoding="utf-8")
    collection = Collection.open(tmp_path / "collection.sqlite")
    try:
        collection.import_path(earlier)
        collection.import_path(current)
        out = tmp_path / "all.apkg"
        # What the window passes: the notes folder it watches now.
        report = export_collection(collection, out, notes_root=current)
    finally:
        collection.close()

    refused = {image.reference for image in report.refused_images}
    assert refused == {"../secret.png"}  # outside its own folder: still refused
    client = AnkiClient(tmp_path / "anki")
    try:
        client.import_package(out)
        backs = {card.fields["Front"]: card.fields["Back"] for card in client.cards()}
        media = client.path.parent / "collection.media"
        packed = {path.name: path.read_bytes() for path in media.iterdir()}
    finally:
        client.close()
    logo_back = next(back for front, back in backs.items() if "Логотип" in front)
    assert '<img src="logo.png"' in logo_back
    assert packed["logo.png"] == PNG
    assert packed["chart.png"] == PNG + b"chart"
    assert not any(data.endswith(b"secret") for data in packed.values())
    with zipfile.ZipFile(out) as package:
        assert len(package.namelist()) >= 3
