    // the map: a world outline under the graph on pages drawn with the geo layout
