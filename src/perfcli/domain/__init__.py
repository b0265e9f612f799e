"""The rules of the job over plain records: periods, values, rating, checks and statistics. No I/O."""
