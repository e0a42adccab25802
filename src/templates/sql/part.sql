{{header}}

{{body}}
