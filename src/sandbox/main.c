#include "config.h"

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  g_printerr ("babaihu-sandbox: not built yet\n");
  return 1;
}
