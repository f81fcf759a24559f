<?php
/*
 * Plugin Name: CommentShield as Akismet
 * Description: Sends the Akismet plugin's API calls to CommentShield (COMMENTSHIELD_URL in the
 * site's config) instead of rest.akismet.com. The plugin itself is unchanged.
 *
 * A must-use plugin, so it is active before any other plugin runs and cannot be switched off by
 * accident. It is the host-name override a site owner would otherwise do in /etc/hosts or DNS.
 */

add_filter(
	'pre_http_request',
	function ( $preempt, $args, $url ) {
		if ( false !== $preempt || ! defined( 'COMMENTSHIELD_URL' ) ) {
			return $preempt;
		}
		$host = wp_parse_url( $url, PHP_URL_HOST );
		if ( ! is_string( $host ) || ! preg_match( '/(^|\.)rest\.akismet\.com$/i', $host ) ) {
			return $preempt;
		}
		$target = rtrim( COMMENTSHIELD_URL, '/' ) . wp_parse_url( $url, PHP_URL_PATH );
		$query  = wp_parse_url( $url, PHP_URL_QUERY );
		if ( $query ) {
			$target .= '?' . $query;
		}
		// The plugin's own Host header (rest.akismet.com) travels along, as through DNS.
		return wp_remote_request( $target, $args );
	},
	10,
	3
);
