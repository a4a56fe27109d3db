"""A training run's log: each line timestamped, printed and appended to <folder>/train.log."""
import time
from pathlib import Path
from typing import Callable


def open_run_log(folder: Path) -> Callable[[str], None]:
    log = open(folder / "train.log", "a")

    def say(message: str) -> None:
        line = f"{time.strftime('%H:%M:%S')} {message}"
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    return say
