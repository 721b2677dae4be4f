"""Property: whatever happens to the notes, a card whose front is still there keeps its
history, every line of the notes is exactly one active card, and nothing else is active."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.app import Collection

# Fronts distinct enough that no two are "similar" for the relinking of edited fronts.
FRONTS = [
    "Docker", "Kubernetes", "Ansible", "Helm", "Ceph", "Prometheus", "Grafana", "Nginx",
    "Postgres", "Redis", "Kafka", "Terraform",
]

Note = tuple[str, str]  # (front, back)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("edit_back"), st.integers(0, 11)),
        st.tuples(st.just("delete"), st.integers(0, 11)),
        st.tuples(st.just("restore"), st.integers(0, 11)),
        st.tuples(st.just("move"), st.integers(0, 11)),
        st.tuples(st.just("rename"), st.integers(0, 1)),
        st.tuples(st.just("study"), st.integers(0, 11)),
    ),
    min_size=1,
    max_size=12,
)


def write(folder: Path, files: dict[str, list[Note]]) -> None:
    for existing in folder.glob("*.md"):
        existing.unlink()
    for name, notes in files.items():
        lines = [f"# {name}", ""]
        for front, back in notes:
            lines += [f"{front} - {back}", ""]
        (folder / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_history_survives_any_sequence_of_edits(steps: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "notes"
        folder.mkdir()
        files: dict[str, list[Note]] = {"alpha": [(f, "one") for f in FRONTS[:6]],
                                        "beta": [(f, "two") for f in FRONTS[6:]]}
        deleted: list[tuple[str, Note]] = []
        # front -> number of answers given to the card with that front
        answers: dict[str, int] = {}
        with Collection.open(Path(temp) / "c.sqlite") as collection:
            write(folder, files)
            collection.import_path(folder)
            for operation, index in steps:
                names = sorted(files)
                if operation == "edit_back":
                    name = names[index % len(names)]
                    if files[name]:
                        position = index % len(files[name])
                        front, back = files[name][position]
                        files[name][position] = (front, back + " и ещё")
                elif operation == "delete":
                    name = names[index % len(names)]
                    if files[name]:
                        deleted.append((name, files[name].pop(index % len(files[name]))))
                elif operation == "restore" and deleted:
                    name, note = deleted.pop(index % len(deleted))
                    target = name if name in files else names[0]
                    files[target].insert(index % (len(files[target]) + 1), note)
                elif operation == "move":
                    name = names[index % len(names)]
                    if files[name]:
                        files[name].append(files[name].pop(index % len(files[name])))
                elif operation == "rename":
                    old = names[index % len(names)]
                    files[old + "-renamed"] = files.pop(old)
                    deleted = [(old + "-renamed" if n == old else n, note)
                               for n, note in deleted]
                elif operation == "study":
                    present = [front for notes in files.values() for front, _ in notes]
                    if present:
                        front = present[index % len(present)]
                        card = next(c for c in collection.cards() if c.front == front)
                        collection.answer(card.id, 4)
                        answers[front] = answers.get(front, 0) + 1
                write(folder, files)
                collection.import_path(folder)

                active = list(collection.cards())
                expected = sorted(front for notes in files.values() for front, _ in notes)
                assert sorted(card.front for card in active) == expected
                for card in active:
                    assert len(collection.history(card.id)) == answers.get(card.front, 0)
                    assert card.back == dict(
                        note for notes in files.values() for note in notes)[card.front]
            retired = [card for card in collection.cards(include_retired=True) if card.retired]
            assert {card.front for card in retired} == {note[0] for _, note in deleted}
