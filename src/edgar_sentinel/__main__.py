from edgar_sentinel.cli.main import run

run()
