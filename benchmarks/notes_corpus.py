"""A generated notes corpus in the style learners write (shared by the benchmarks)."""

from __future__ import annotations

import random

_WORDS = (
    "контейнер образ слой том сеть под узел кластер сервис секрет конфиг роль таск хендлер "
    "инвентарь плейбук шаблон переменная модуль реестр демон сокет процесс ядро изоляция "
    "ресурс лимит проба деплоймент реплика чарт релиз сертификат издатель хранилище"
).split()
_TERMS = "Docker Ansible Kubernetes Helm Ceph etcd kubelet CoreDNS Ingress Pod".split()


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def notes_file(rng: random.Random, index: int, sections: int = 40) -> str:
    """One notes file: headings, definition lines, leads with lists, code, prose, clozes."""
    out = [f"# Заметки {index}", ""]
    counter = 0
    for section in range(sections):
        out += [f"## Раздел {index}.{section} {rng.choice(_TERMS)}", ""]
        for _ in range(rng.randint(4, 9)):
            counter += 1
            out.append(f"{rng.choice(_TERMS)} {_phrase(rng, 1, 2)} {counter} - "
                       f"{_phrase(rng, 3, 12)}")
        out.append("")
        counter += 1
        out.append(f"Плюсы {counter}:")
        for _ in range(rng.randint(2, 5)):
            counter += 1
            out.append(f"  - --флаг{counter} - {_phrase(rng, 2, 6)}")
        out += ["", f"Это не определение, а просто {_phrase(rng, 6, 14)}.", ""]
        counter += 1
        out += [f"Команда {counter} - пример:", "", "```bash",
                f"kubectl get pods -n {rng.choice(_WORDS)}", "```", ""]
        counter += 1
        out += [f"Кластер {counter} хранит состояние в =={rng.choice(_TERMS)}==.", ""]
        counter += 1
        out += [f"Вопрос {counter}::{_phrase(rng, 2, 5)}", ""]
    return "\n".join(out) + "\n"


def notes_corpus(total_bytes: int, seed: int = 7) -> list[str]:
    """Files of generated notes until their UTF-8 size reaches `total_bytes`."""
    rng = random.Random(seed)
    files: list[str] = []
    size = 0
    while size < total_bytes:
        text = notes_file(rng, len(files))
        files.append(text)
        size += len(text.encode("utf-8"))
    return files
