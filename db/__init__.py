"""The warehouse: schema, connections, and the one read module pages use.

Both sides share it: etl/ writes through the schema, pages/ read through
db.read, so no SQL is scattered through the pages.
"""
