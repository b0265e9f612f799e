"""The workspace's store: schema and migrations, rows in real columns, and the queries over them."""
