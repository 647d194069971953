"""The command line: the typer app (check, extract, bench), the eval sub-app, error mapping."""
