{{header}}

{{schema}}

{{behavior}}
