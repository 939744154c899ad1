    // the side panel: click an actor or a line to read its profile (graph/render/panel.py)
