# shellcheck shell=bash
# Reading /etc/xenwbem/xenwbem.conf, shared by the launcher and the setup script.
# The file holds "key = value" lines and # comments; it is parsed, never sourced.

# The defaults, also documented in the installed xenwbem.conf.
xenwbem_conf_defaults() {
  XW_PORT=5989
  XW_BIND=0.0.0.0
  XW_CERTIFICATE=/etc/xensource/xapi-ssl.pem
  XW_LOG_LEVEL=INFO
  XW_LOG_FILE=/var/log/xenwbem/xenwbem.log
  XW_LOG_MAX_SIZE=20
  XW_LOG_FILES=5
  XW_JOB_EXPIRY=24h
  XW_XAPI=http://127.0.0.1/
  XW_XAPI_USER=root
  XW_XAPI_PASSWORD_FILE=
  XW_HEAP=128m
  XW_STATE_DIR=/var/lib/xenwbem
  XW_FIREWALL=auto
  XW_MAX_CONNECTIONS=1024
  XW_MAX_CONNECTIONS_PER_CLIENT=64
  XW_MAX_OPERATIONS_PER_USER=32
  XW_MAX_ENUMERATIONS_PER_USER=64
  XW_MAX_SUBSCRIPTIONS_PER_USER=16
  XW_HEADER_TIMEOUT=20
  XW_BODY_TIMEOUT=20
  XW_BODY_MIN_RATE=500
  XW_EVENT_TRUST_FILE=
  XW_EVENT_TRUST_PIN=
  XW_SR_MOUNT_ROOT=/var/run/sr-mount
  XW_ARRAYS_CONFIG=/etc/xenwbem/arrays.conf
}

# xenwbem_conf_number FILE LINE KEY VALUE: VALUE when it is a positive whole number, else fails.
xenwbem_conf_number() {
  [[ $4 =~ ^[0-9]{1,9}$ ]] && [ "$4" -ge 1 ] || { xenwbem_conf_fail "$1" "$2" "$3 must be a positive whole number: $4"; return 1; }
}

# xenwbem_conf_fail FILE LINE MESSAGE: says which line is wrong, and fails.
xenwbem_conf_fail() {
  echo "xenwbem: $1 line $2: $3" >&2
  return 1
}

# xenwbem_read_conf FILE: sets the XW_* variables from FILE (a missing file keeps the defaults).
xenwbem_read_conf() {
  local file=$1 line key value n=0
  [ -e "$file" ] || return 0
  [ -r "$file" ] || { echo "xenwbem: cannot read $file" >&2; return 1; }
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line%%#*}
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    [ -z "$line" ] && continue
    case $line in
      *=*) ;;
      *) xenwbem_conf_fail "$file" "$n" "expected 'key = value', found '$line'" || return 1 ;;
    esac
    key=${line%%=*}
    key=${key%"${key##*[![:space:]]}"}
    value=${line#*=}
    value=${value#"${value%%[![:space:]]*}"}
    case $key in
      port)
        [[ $value =~ ^[0-9]{1,5}$ ]] && [ "$value" -ge 1 ] && [ "$value" -le 65535 ] ||
          { xenwbem_conf_fail "$file" "$n" "port must be a number from 1 to 65535: $value"; return 1; }
        XW_PORT=$value ;;
      bind) XW_BIND=$value ;;
      certificate)
        [ "$value" = auto ] || [ "${value:0:1}" = / ] ||
          { xenwbem_conf_fail "$file" "$n" "certificate must be 'auto' or an absolute path: $value"; return 1; }
        XW_CERTIFICATE=$value ;;
      log_level)
        case ${value^^} in
          TRACE | DEBUG | INFO | WARN | ERROR) XW_LOG_LEVEL=${value^^} ;;
          *) xenwbem_conf_fail "$file" "$n" "log_level must be TRACE, DEBUG, INFO, WARN or ERROR: $value"; return 1 ;;
        esac ;;
      log_file) XW_LOG_FILE=$value ;;
      log_max_size)
        [[ $value =~ ^[0-9]{1,6}$ ]] ||
          { xenwbem_conf_fail "$file" "$n" "log_max_size must be megabytes (0: never rotate): $value"; return 1; }
        XW_LOG_MAX_SIZE=$value ;;
      log_files)
        xenwbem_conf_number "$file" "$n" "$key" "$value" || return 1
        XW_LOG_FILES=$value ;;
      job_expiry)
        [[ $value =~ ^[0-9]+[smhd]$ ]] ||
          { xenwbem_conf_fail "$file" "$n" "job_expiry must be a number with s, m, h or d (e.g. 24h): $value"; return 1; }
        XW_JOB_EXPIRY=$value ;;
      xapi) XW_XAPI=$value ;;
      xapi_user) XW_XAPI_USER=$value ;;
      xapi_password_file) XW_XAPI_PASSWORD_FILE=$value ;;
      heap)
        [[ $value =~ ^[0-9]+[mM]$ ]] ||
          { xenwbem_conf_fail "$file" "$n" "heap must be megabytes such as 128m: $value"; return 1; }
        XW_HEAP=$value ;;
      state_dir) XW_STATE_DIR=$value ;;
      firewall)
        case $value in
          auto | xapi | firewalld | iptables | none) XW_FIREWALL=$value ;;
          *) xenwbem_conf_fail "$file" "$n" "firewall must be auto, xapi, firewalld, iptables or none: $value"; return 1 ;;
        esac ;;
      max_connections | max_connections_per_client | header_timeout | body_timeout | body_min_rate \
        | max_operations_per_user | max_enumerations_per_user | max_subscriptions_per_user)
        xenwbem_conf_number "$file" "$n" "$key" "$value" || return 1
        printf -v "XW_${key^^}" '%s' "$value" ;;
      event_trust_file)
        [ -z "$value" ] || [ "${value:0:1}" = / ] ||
          { xenwbem_conf_fail "$file" "$n" "event_trust_file must be an absolute path: $value"; return 1; }
        XW_EVENT_TRUST_FILE=$value ;;
      event_trust_pin)
        [[ $value =~ ^[0-9A-Fa-f:,[:space:]]*$ ]] ||
          { xenwbem_conf_fail "$file" "$n" "event_trust_pin must be SHA-256 fingerprints, comma-separated: $value"; return 1; }
        XW_EVENT_TRUST_PIN=${value//[[:space:]]/} ;;
      sr_mount_root | arrays_config)
        [ "${value:0:1}" = / ] ||
          { xenwbem_conf_fail "$file" "$n" "$key must be an absolute path: $value"; return 1; }
        printf -v "XW_${key^^}" '%s' "$value" ;;
      *) xenwbem_conf_fail "$file" "$n" "unknown setting '$key'"; return 1 ;;
    esac
  done <"$file"
}
