"""The documents Pendamping writes: built from the records, never drawn on a screen.

- `document`: a document as sections of Markdown, and the small Markdown helpers.
- `report`: the case report and the caseload summary.
- `journal`: the journal collection handed to the client (the client's own pages).
- `client_data`: everything held about one client, for the client to see.
- `casework`: one contract, assessment or session note as Markdown (also previewed
  on screen).
- `pictures`: the SVG pictures of the HTML documents (ecomap, timeline, scores,
  attendance) and the layout the terminal drawings share.
- `html_export`: Markdown to a self-contained, printable HTML page.
- `exports`: writing a document's files, atomically and privately.

Like `models/`, this package never imports Textual; the app's words, dates and text
drawings come in through a `document.Rendering`.
"""
