/**
 * German function words: not indexed (they still count as positions, so phrases keep their gaps),
 * and never "restored" to a lexicon word ("schon" is not "schön", "fur" is "für"). The list follows
 * the usual German stop-word lists (articles, pronouns, prepositions, conjunctions, auxiliaries,
 * particles), with spellings without umlauts.
 */
export const STOPWORDS = new Set(
  `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern
anders auch auf aus bei beim bin bis bist da damit dann das dass daß dasselbe dazu dein deine deinem deinen deiner
deines dem demselben den denn denselben der derer derselbe derselben des desselben dessen dich die dies diese
dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig
einige einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures für fur fuer gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in
indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner
keines können konnen koennen könnte konnte koennte machen man manche manchem manchen mancher manches mein meine
meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine
seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern
sonst über uber ueber um und uns unsere unserem unseren unserer unseres unter viel vom von vor während waehrend
wahrend war waren warst was weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder
will wir wird wirst wo wollen wollte würde wurde wuerde würden wurden wuerden zu zum zur zwar zwischen`.split(
    /\s+/,
  ),
);
