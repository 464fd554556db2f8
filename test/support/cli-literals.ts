// English sentences written as string literals in code that prints for people (the CLI): read from
// the TypeScript syntax tree, so comments never count. What is said through the catalogue is a call
// (say(text(...))) and is not looked into; a command's `summary` is checked against the catalogue
// elsewhere; a usage line keeps its syntax in every language; words in capitals are placeholders,
// protocol verbs or names (NAME, STARTTLS, TLSA), not prose.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { englishRuns } from './english-sentences.ts';

/** Calls whose arguments are catalogue keys and parameters, rendered in the reader's language. */
const CATALOGUE_CALLS = new Set(['say', 'sayIndented', 'sayLines', 'text', 'sentence', 'renderText', 'renderLines', 'english', 'told', 'said']);

export interface LiteralHit {
  file: string;
  line: number;
  text: string;
}

const isCatalogueCall = (node: ts.Node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && CATALOGUE_CALLS.has(node.expression.text);
const isSummaryExport = (node: ts.Node) => ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'summary';
const isLiteral = (node: ts.Node): node is ts.LiteralLikeNode =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);

/** The prose of a literal: without its capitalised words (placeholders, protocol names). */
const prose = (text: string) => text.replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ');

export function englishLiterals(file: string, source = readFileSync(file, 'utf8')): LiteralHit[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const hits: LiteralHit[] = [];
  const visit = (node: ts.Node) => {
    if (isCatalogueCall(node) || isSummaryExport(node)) return;
    if (isLiteral(node) && !/^\s*usage: /.test(node.text) && englishRuns(prose(node.text)).length > 0) {
      hits.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(tree);
  return hits;
}
