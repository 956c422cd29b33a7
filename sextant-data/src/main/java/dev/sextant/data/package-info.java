/** Tabular data: readers for CSV and Parquet and content digests of dataset files. */
package dev.sextant.data;
