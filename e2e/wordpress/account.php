<?php
/*
 * What the Akismet plugin's settings page shows, fetched with the plugin's own code through
 * CommentShield: the account (get-subscription) and the spam statistics (get-stats).
 * Prints "status=... spam=... ham=... accuracy=...".
 */
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once WP_PLUGIN_DIR . '/akismet/class.akismet-admin.php';

$key     = Akismet::get_api_key();
$account = Akismet_Admin::get_akismet_user( $key );
$stats   = Akismet_Admin::get_stats( $key );
printf(
	"status=%s spam=%s ham=%s accuracy=%s\n",
	$account ? $account->status : 'none',
	isset( $stats['all'] ) ? $stats['all']->spam : '?',
	isset( $stats['all'] ) ? $stats['all']->ham : '?',
	isset( $stats['all'] ) ? $stats['all']->accuracy : '?'
);
