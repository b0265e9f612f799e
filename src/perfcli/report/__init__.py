"""Drafting the committee report: narrative, Appendix A tables and Word rendering."""
