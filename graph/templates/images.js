    // images and layouts for reports: Save PNG, Save SVG, Save layout
