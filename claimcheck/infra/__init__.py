"""Reading the corpus, writing files atomically, locating models, hardware facts: the world outside."""
