"""Pure functions from domain objects to text: the terminal, Markdown, PDF, calendar and map exports."""
