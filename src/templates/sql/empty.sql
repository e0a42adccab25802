{{header}}

