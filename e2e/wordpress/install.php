<?php
/*
 * Installs WordPress into the empty e2e database and activates the bundled Akismet plugin with
 * the CommentShield key. Usage: php install.php KEY ADMIN_PASSWORD
 */
[ , $key, $password ] = $argv;

// Debian's wp-config.php picks /etc/wordpress/config-<host>.php by the Host header.
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install( 'CommentShield e2e', 'admin', 'admin@blog.example', true, '', wp_slash( $password ) );

// Only Akismet decides here: WordPress's own moderation rules would hold the ham comment too.
update_option( 'comment_moderation', 0 );
update_option( 'comment_previously_approved', 0 );
update_option( 'wordpress_api_key', $key );

$activated = activate_plugin( 'akismet/akismet.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, 'Akismet activation failed: ' . $activated->get_error_message() . "\n" );
	exit( 1 );
}
echo 'WordPress ', get_bloginfo( 'version' ), ' installed; Akismet ', AKISMET_VERSION, ' active: ',
	is_plugin_active( 'akismet/akismet.php' ) ? 'yes' : 'no', "\n";
