"""Rendering: catalog → Markdown and HTML blocks (views, templates/), SVG charts (charts), BibTeX and QR codes
(cite), and how numbers and prose are written (format). Imports the core only."""
