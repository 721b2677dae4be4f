import sys

# Equal to flashcards.app.parse_worker.PARSE_WORKER_FLAG (a test checks); written out so
# that starting the app loads nothing of the parser.
PARSE_WORKER_FLAG = "--parse-worker"

if __name__ == "__main__":
    if sys.argv[1:2] == [PARSE_WORKER_FLAG]:
        # A frozen bundle's executable started as a helper of a big import (see
        # flashcards.app.parse_pool): it parses, and loads nothing else of the app.
        from flashcards.app.parse_worker import main as parse_worker

        parse_worker(sys.argv[2:])
    else:
        from flashcards.cli import main

        main()
