"""Painting a laid-out chart on any QPainter: screen cards, PDF, SVG, PNG and printer pages."""
