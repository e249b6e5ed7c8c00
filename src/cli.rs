//! Command-line interface: subcommands and their arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn reported travel legs into route maps and route comparisons, offline.
#[derive(Debug, Parser)]
#[command(name = "routemap", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and print a summary (places, legs, routes, total km).
    Check {
        /// Dataset folder (holding places.csv, legs.csv, optional dataset.toml).
        dataset: PathBuf,
    },
    /// Compare the dataset's routes: stops, km per leg and in total, direct km,
    /// detour, estimated time, modes and evidence.
    Compare {
        /// Dataset folder.
        dataset: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Draw the dataset's map as SVG.
    Render {
        /// Dataset folder.
        dataset: PathBuf,
        /// Output file [default: output/<dataset>.svg].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Width in pixels.
        #[arg(long, default_value_t = 1200)]
        width: u32,
        /// Height in pixels.
        #[arg(long, default_value_t = 800)]
        height: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned text.
    Table,
    /// Markdown table.
    Md,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

impl From<TableFormat> for routemap::export::Format {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Table => Self::Table,
            TableFormat::Md => Self::Md,
            TableFormat::Csv => Self::Csv,
            TableFormat::Json => Self::Json,
        }
    }
}
