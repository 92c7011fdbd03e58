"""Distances, travel times and geocoding. geopy is used here and nowhere else."""
