//! The program staff's theory of change: logic models (phases → goals → activities → outputs
//! → outcomes), validation, scheduling and progress.
