# Makes MHA 0.58 (Debian's mha4mysql-manager/-node) run against MariaDB 10.11 on Perl 5.36. Loaded into
# every MHA command with PERL5OPT=-MHarvestMhaCompat, on the manager and, through sshd's SetEnv, in the node
# tools MHA runs over ssh (production: /etc/perl/HarvestMhaCompat.pm; the harness: infra/mysql/mha on
# PERL5LIB). It redefines three subs, nothing else:
# - NodeUtil's version parsers: sprintf('%03d%03d', every number in the version) under FATAL warnings dies
#   on Perl >= 5.22 with "Redundant argument in sprintf" for any x.y.z version, so masterha_check_repl and
#   the manager stop at "Error happened on checking configurations" (mha4mysql-manager#116,
#   mha4mysql-node#35). These read only the first three (two) numbers; same output.
# - SlaveUtil::check_if_super_read_only: MariaDB has no super_read_only, so the query fails and stops the
#   relay-log check and the failover's apply step. On MariaDB "not enabled" is the true answer (MHA's own
#   account has READ ONLY ADMIN, so it may apply logs on a read_only replica).
package HarvestMhaCompat;

use strict;
use warnings;
use MHA::NodeUtil ();
use MHA::SlaveUtil ();

sub first_numbers {
  my ( $str, $count ) = @_;
  my @numbers = ( $str =~ m/(\d+)/g );
  return map { $numbers[$_] // 0 } 0 .. $count - 1;
}

my $check_if_super_read_only = \&MHA::SlaveUtil::check_if_super_read_only;

{
  no warnings 'redefine';
  *MHA::NodeUtil::parse_mysql_version = sub ($) {
    return sprintf( '%03d%03d%03d', first_numbers( shift, 3 ) );
  };
  *MHA::NodeUtil::parse_mysql_major_version = sub ($) {
    return sprintf( '%03d%03d', first_numbers( shift, 2 ) );
  };
  *MHA::SlaveUtil::check_if_super_read_only = sub {
    my @answer = eval { $check_if_super_read_only->(@_) };
    return @answer unless $@;
    die $@ unless $@ =~ /Unknown system variable 'super_read_only'/;
    return ( 0, 0 );
  };
}

1;
