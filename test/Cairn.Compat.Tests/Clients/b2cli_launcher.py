"""Runs the b2 command-line tool 1.3.8 against the server in CAIRN_URL.

The 1.3.8 CLI has no option for another endpoint: it looks the realm up in
AbstractAccountInfo.REALM_URLS, so this launcher points 'production' at Cairn
and then hands over to the tool's own main(). The installed package is not
modified. B2_ACCOUNT_INFO (set by the caller) keeps each test's sqlite apart.
"""
import os
import sys

import b2.account_info.abstract
import b2.console_tool

b2.account_info.abstract.AbstractAccountInfo.REALM_URLS['production'] = os.environ['CAIRN_URL']

if __name__ == '__main__':
    sys.argv[0] = 'b2'
    b2.console_tool.main()
