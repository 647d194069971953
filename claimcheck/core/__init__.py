"""The bottom layer: dataclasses, interval logic, settings and errors; imports no other layer."""
