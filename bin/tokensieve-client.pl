# The analysis daemon's client, which bin/tokensieve runs when perl is installed. perl starts in
# about 20 ms; the JVM client (DaemonClient) takes about 100 ms, a tenth of a warm run at 479 MB.
#
#   perl bin/tokensieve-client.pl SOCKET analyze ARGS...
#
# It relays what the daemon prints to stdout and stderr and exits with the run's code. It exits
# with 100 when no daemon listens at SOCKET, or when SOCKET's directory is not private. It exits
# with 101 when the daemon is busy, declines the run (a relative path, say), or hangs up before
# printing anything. Then the launcher runs the analysis in a JVM, whose client starts a daemon if
# none is there. The wire format is DaemonWire's: frames of a type byte, a big-endian 4-byte length,
# and that many bytes. DaemonTest runs this client against a daemon, beside the JVM's.
use strict;
use warnings;

my ($NONE, $ELSEWHERE) = (100, 101);
# A perl without sockets (a minimal build) leaves the run to the JVM, as does any failure below
# before the daemon has printed anything: the launcher must never take perl's own exit code
# (2, 255) for the run's.
BEGIN { eval { require IO::Socket::UNIX; require Socket; 1 } or exit 100 }
my $printed = 0;
$SIG{__DIE__} = sub {
  return if $^S; # inside an eval
  print STDERR $_[0] if $printed;
  exit($printed ? 1 : $ELSEWHERE);
};

my ($RUN, $OUT, $ERR, $EXIT, $DECLINED, $BUSY) = (1, 11, 12, 13, 14, 15);
my $MAGIC = 0x54534431; # "TSD1"
my $MAX_FRAME = 1 << 16;

my ($socket, @args) = @ARGV;
defined $socket or die "usage: tokensieve-client.pl SOCKET analyze ARGS...\n";
$SIG{PIPE} = 'IGNORE'; # as a JVM does: a reader that went away drops output, not the run

# The socket's directory must be ours alone (DaemonPlace checks the same).
(my $dir = $socket) =~ s{/[^/]*\z}{};
my @st = lstat $dir;
exit $NONE unless @st && -d _ && $st[4] == $< && ($st[2] & 07777) == 0700;
my $s = IO::Socket::UNIX->new(Type => Socket::SOCK_STREAM(), Peer => $socket) or exit $NONE;

my $terminal = (-t STDIN && -t STDOUT) ? 1 : 0; # System.console() != null
my $body = pack('N C C N', $MAGIC, $RUN, $terminal, scalar @args);
$body .= pack('N', length $_) . $_ for @args; # argv's bytes, which the daemon reads as UTF-8
send_all($s, pack('C N', $RUN, length $body) . $body) or exit $ELSEWHERE;

binmode STDOUT;
binmode STDERR;
my %broken;
while (1) {
  my $head = read_n($s, 5);
  if (!defined $head) {
    exit $ELSEWHERE unless $printed; # it went before saying anything: the run is still to do
    print STDERR "tokensieve: the daemon stopped before the run ended; see $dir\n";
    exit 1;
  }
  my ($type, $len) = unpack 'C N', $head;
  die "tokensieve: a daemon frame of $len bytes\n" if $len > $MAX_FRAME;
  my $payload = $len ? read_n($s, $len) : '';
  die "tokensieve: the daemon hung up inside a frame\n" unless defined $payload;
  if ($type == $OUT) {
    relay(\*STDOUT, $payload);
  } elsif ($type == $ERR) {
    relay(\*STDERR, $payload);
  } elsif ($type == $EXIT) {
    exit unpack('N', $payload);
  } elsif ($type == $DECLINED || $type == $BUSY) {
    exit $ELSEWHERE;
  } else {
    die "tokensieve: unexpected daemon frame $type\n";
  }
  $printed = 1;
}

sub read_n {
  my ($fh, $n) = @_;
  my $buf = '';
  while (length $buf < $n) {
    my $got = sysread $fh, $buf, $n - length $buf, length $buf;
    die "tokensieve: reading from the daemon: $!\n" unless defined $got;
    return undef if $got == 0 && length $buf == 0;
    die "tokensieve: the daemon hung up inside a frame\n" if $got == 0;
  }
  return $buf;
}

sub send_all {
  my ($fh, $data) = @_;
  while (length $data) {
    my $sent = syswrite $fh, $data;
    return 0 unless defined $sent;
    substr($data, 0, $sent) = '';
  }
  return 1;
}

sub relay {
  my ($fh, $data) = @_;
  return if $broken{$fh};
  send_all($fh, $data) or $broken{$fh} = 1;
}
