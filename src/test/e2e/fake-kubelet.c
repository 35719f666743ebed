/*
 * A stand-in kubelet for the namespace end-to-end test: started with `exec -a /usr/bin/kubelet`,
 * its /proc/<pid>/cmdline is exactly a kubelet's argv, and, like a kubelet whose read-only port
 * is on, it really listens: on every port named in NODEWARD_FAKE_PORTS (comma-separated), on all
 * addresses. It serves nothing and never exits by itself; the test stops it by PID.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *ports = getenv("NODEWARD_FAKE_PORTS");
    char buf[256];
    snprintf(buf, sizeof buf, "%s", ports ? ports : "");
    for (char *p = strtok(buf, ","); p; p = strtok(NULL, ",")) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(p)), .sin_addr.s_addr = htonl(INADDR_ANY)};
        if (bind(fd, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(fd, 16) != 0) {
            perror("fake-kubelet: listen");
            return 1;
        }
    }
    puts("listening");
    fflush(stdout);
    for (;;) {
        pause();
    }
}
