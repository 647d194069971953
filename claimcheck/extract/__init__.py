"""Documents to atomic claims: segmentation, numbers, dates, units, entities, claims."""
