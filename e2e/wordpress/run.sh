#!/usr/bin/env bash
# WordPress end to end: Debian's WordPress with its bundled Akismet plugin, pointed at
# CommentShield, receives a spam and a ham comment through its own comment form
# (wp-comments-post.php). Passes when WordPress holds or discards the spam and publishes the ham.
#
# What it does, on this machine (needs root for apt-get and /etc/wordpress):
#   1. installs Debian's wordpress, php-cli, php-mysql and mariadb-server when missing;
#   2. starts MariaDB when nothing answers on 127.0.0.1:3306 (root, empty password) and creates
#      a fresh database wordpress_e2e;
#   3. starts the packaged service (target/quarkus-app; run 'mvn package' first) on a free port
#      with a 12-character API key, as an Akismet key must be;
#   4. writes /etc/wordpress/config-127.0.0.1.php (Debian's per-host config) with its own
#      wp-content under target/wordpress-e2e, installs WordPress with php, activates the bundled
#      Akismet plugin with the key, and adds a must-use plugin that sends the plugin's calls to
#      rest.akismet.com to the service instead (the host-name override; the Host header stays
#      rest.akismet.com);
#   5. serves WordPress with php's built-in server, posts the two comments with curl, and reads
#      their status from the database, the spam comment from CommentShield's queue, and the
#      account and statistics the plugin's settings page shows (get-subscription, get-stats).
#
# Usage: e2e/wordpress/run.sh            (from the project root or anywhere)
# Environment: JAVA_HOME (default Temurin 25), KEEP=1 to leave WordPress and the service running.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/target/wordpress-e2e"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
KEY="wpAkismet123"            # 12 characters: the plugin refuses keys of any other length
ADMIN_PASSWORD="wp-e2e-admin"
DB=wordpress_e2e
WP_CONFIG=/etc/wordpress/config-127.0.0.1.php
RUN_ID="$(date +%s)-$$"

say() { printf 'wordpress-e2e: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mysql_root() { mariadb -h 127.0.0.1 -P 3306 -u root "$@"; }

[ -f "$JAR" ] || fail "no packaged service at $JAR: run 'mvn package -DskipTests' first"

# --- 1. packages ------------------------------------------------------------------------------
need=()
[ -f /usr/share/wordpress/wp-comments-post.php ] || need+=(wordpress)
command -v php >/dev/null 2>&1 || need+=(php-cli)
php -m 2>/dev/null | grep -qi '^mysqli$' || need+=(php-mysql)
command -v mariadb >/dev/null 2>&1 && command -v mysqld >/dev/null 2>&1 || need+=(mariadb-server)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -d /usr/share/wordpress/wp-content/plugins/akismet ] || fail "Debian's wordpress package has no bundled Akismet plugin"

# --- 2. MariaDB ---------------------------------------------------------------------------------
if ! mysql_root -e 'select 1' >/dev/null 2>&1; then
  say "starting MariaDB"
  (service mariadb start || service mysql start) >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do mysql_root -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
fi
mysql_root -e 'select 1' >/dev/null 2>&1 || fail "MariaDB does not answer on 127.0.0.1:3306 as root without a password"
mysql_root -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4"

# --- 3. CommentShield -----------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/wp-content/plugins" "$WORK/wp-content/mu-plugins" "$WORK/wp-content/uploads"
CS_PORT="$(free_port)"
WP_PORT="$(free_port)"
pids=()
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    say "left running: WordPress http://127.0.0.1:$WP_PORT/ (admin / $ADMIN_PASSWORD), CommentShield http://127.0.0.1:$CS_PORT/"
    return
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

say "starting CommentShield on port $CS_PORT"
QUARKUS_HTTP_PORT="$CS_PORT" COMMENTSHIELD_DATA_DIR="$WORK/data" COMMENTSHIELD_API_KEYS="$KEY" \
  COMMENTSHIELD_ADMIN_PASSWORD="$ADMIN_PASSWORD" COMMENTSHIELD_MODERATOR_PASSWORD="$ADMIN_PASSWORD-m" \
  "$JAVA" -jar "$JAR" >"$WORK/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$CS_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$CS_PORT/q/health/ready" >/dev/null || fail "the service is not ready; see $WORK/service.log"

# --- 4. WordPress configuration ----------------------------------------------------------------
if [ -f "$WP_CONFIG" ] && ! grep -q 'CommentShield e2e' "$WP_CONFIG"; then
  fail "$WP_CONFIG exists and was not written by this script; not touching it"
fi
cat >"$WP_CONFIG" <<PHP
<?php
// CommentShield e2e (e2e/wordpress/run.sh): WordPress on php's built-in server, port $WP_PORT.
define('DB_NAME', '$DB');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('WP_HOME', 'http://127.0.0.1:$WP_PORT');
define('WP_SITEURL', 'http://127.0.0.1:$WP_PORT');
define('WP_CONTENT_DIR', '$WORK/wp-content');
define('DISABLE_WP_CRON', true);       // php -S serves one request at a time
define('AUTOMATIC_UPDATER_DISABLED', true);
define('COMMENTSHIELD_URL', 'http://127.0.0.1:$CS_PORT');
PHP
ln -s /usr/share/wordpress/wp-content/plugins/akismet "$WORK/wp-content/plugins/akismet"
cp "$ROOT/e2e/wordpress/commentshield-akismet-host.php" "$WORK/wp-content/mu-plugins/"

say "installing WordPress and activating Akismet with the CommentShield key"
php -d display_errors=stderr "$ROOT/e2e/wordpress/install.php" "$KEY" "$ADMIN_PASSWORD" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log"; fail "WordPress installation"; }
cat "$WORK/install.log"
key_status="$(php "$ROOT/e2e/wordpress/verify-key.php" 2>>"$WORK/install.log")"
say "the Akismet plugin's key check through CommentShield: $key_status"
[ "$key_status" = valid ] || fail "the plugin did not get 'valid' for the key"

# --- 5. comments through WordPress's own form ---------------------------------------------------
say "serving WordPress on port $WP_PORT"
php -S "127.0.0.1:$WP_PORT" -t /usr/share/wordpress >"$WORK/php-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$WP_PORT/wp-login.php" && break; sleep 0.5; done

post_comment() { # author email content
  curl -s -o /dev/null -w '%{http_code}' \
    -A 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' \
    -e "http://127.0.0.1:$WP_PORT/?p=1" \
    --data-urlencode "comment_post_ID=1" --data-urlencode "comment_parent=0" \
    --data-urlencode "author=$1" --data-urlencode "email=$2" --data-urlencode "url=" \
    --data-urlencode "comment=$3" \
    "http://127.0.0.1:$WP_PORT/wp-comments-post.php"
}
SPAM="BUY CHEAP CIALIS and VIAGRA online, best canadian pharmacy, no prescription needed http://bit.ly/pills $RUN_ID"
HAM="Thanks for the write-up, the second example finally made the idea click for me. $RUN_ID"
say "posting the spam comment: HTTP $(post_comment 'Cheap Pills' 'pills@spam.example' "$SPAM")"
# WordPress refuses a second comment from the same address within 15 seconds (HTTP 429)
say "waiting out WordPress's comment flood interval"
sleep 16
say "posting the ham comment: HTTP $(post_comment 'Anna Reader' 'anna@mail.example' "$HAM")"

status_of() { # content -> comment_approved, or "absent" (discarded)
  local s
  s="$(mysql_root -N -B "$DB" -e "SELECT comment_approved FROM wp_comments WHERE comment_content = '$(printf '%s' "$1" | sed "s/'/''/g")'")"
  printf '%s' "${s:-absent}"
}
spam_status="$(status_of "$SPAM")"
ham_status="$(status_of "$HAM")"
say "WordPress: spam comment is '$spam_status' (spam, 0 = held, absent = discarded), ham comment is '$ham_status' (1 = published)"
queued="$(curl -s -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$CS_PORT/moderation/items?site=127.0.0.1&size=50")"
say "CommentShield queue for site 127.0.0.1: $queued"
akismet_result="$(mysql_root -N -B "$DB" -e "SELECT CONCAT(c.comment_approved, ' ', m.meta_value) FROM wp_comments c JOIN wp_commentmeta m ON m.comment_id = c.comment_ID WHERE m.meta_key = 'akismet_result'" || true)"
say "Akismet plugin's recorded results (status result): $(echo "$akismet_result" | tr '\n' ';')"

account="$(php "$ROOT/e2e/wordpress/account.php" 2>>"$WORK/install.log")"
say "the plugin's settings page would show: $account"

case "$spam_status" in spam|0|absent) ;; *) fail "the spam comment was published (status $spam_status)";; esac
printf '%s' "$account" | grep -q 'status=active spam=1 ham=1' || fail "the plugin's account calls did not show the counts"
[ "$ham_status" = 1 ] || fail "the ham comment was not published (status $ham_status)"
printf '%s' "$queued" | grep -q "CIALIS" || fail "the spam comment is not in CommentShield's moderation queue"
say "PASSED: spam held or discarded by WordPress, ham published, spam queued in CommentShield"
