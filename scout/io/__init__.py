"""Files to and from the domain model: the YAML catalogue and trip files, the itinerary JSON."""
