<?php
/*
 * Asks the Akismet plugin, as its settings page does, whether the stored key is valid: the call
 * goes through the must-use plugin to CommentShield. Prints valid, invalid or failed.
 */
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
echo Akismet::verify_key( Akismet::get_api_key() ), "\n";
