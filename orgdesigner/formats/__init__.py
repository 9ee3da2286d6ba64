"""Files in and out: the .orgx file, organogram CSVs, HR workbooks. No Qt."""
