/*
 * prog-block-read PIDFILE FIFO OUT: write our pid to PIDFILE, block in
 * read() on FIFO, then write "got <data>" to OUT and exit 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[256];
	ssize_t n;
	FILE *f;
	int fd;

	if (argc != 4)
		return 2;
	/* O_RDWR: open does not block, read does */
	fd = open(argv[2], O_RDWR);
	if (fd < 0)
		return 1;
	f = fopen(argv[1], "w");
	if (!f)
		return 1;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return 1;
	buf[n] = '\0';
	f = fopen(argv[3], "w");
	if (!f)
		return 1;
	fprintf(f, "got %s", buf);
	fclose(f);
	return 0;
}
